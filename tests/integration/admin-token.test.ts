// The API process and its admin token: generated into the data dir and kept out of the output
// when ADMIN_TOKEN is unset; a placeholder ADMIN_TOKEN stops it at start without being repeated.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess } from '@pantau/api/process';
import { readAdminTokenFile } from '@pantau/config';
import { createRedis, deleteQueueKeys } from '@pantau/ingest';
import { afterAll, describe, expect, it } from 'vitest';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `admin-token-${randomUUID().slice(0, 8)}`;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-admin-'));
  dirs.push(dir);
  return dir;
}

/** The API's environment: its own queue prefix on the shared Redis, never `pantau`. */
const env = (dataDir: string, adminToken: string) => ({
  DATA_DIR: dataDir,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  ADMIN_TOKEN: adminToken,
  LOG_LEVEL: 'info',
});

afterAll(async () => {
  const redis = createRedis(redisUrl);
  await deleteQueueKeys(redis, prefix);
  await redis.quit();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the API process', () => {
  it('generates a working admin token into its data dir and keeps it out of its output', async () => {
    const dataDir = tempDir();
    // An empty ADMIN_TOKEN counts as unset, whatever the test's own environment holds.
    const api = await startApiProcess(env(dataDir, ''));
    try {
      const token = readAdminTokenFile(dataDir);
      expect(token).toMatch(/^[\w-]{32}$/);
      const res = await fetch(`${api.url}/api/v1/tokens`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(api.output()).toContain('ADMIN_TOKEN was not set');
      expect(api.output()).not.toContain(token);
    } finally {
      await api.stop();
    }
  });

  it('refuses to start with a placeholder ADMIN_TOKEN, naming the variable but not the value', async () => {
    const placeholder = 'change-this-admin-token';
    const error = await startApiProcess(env(tempDir(), placeholder)).then(
      async (api) => {
        await api.stop();
        return null;
      },
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/API exited at start/);
    expect(error?.message).toMatch(/ADMIN_TOKEN \(value not shown\): a placeholder/);
    expect(error?.message).not.toContain(placeholder);
  });
});
