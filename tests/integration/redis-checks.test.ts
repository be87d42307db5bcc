// What the API checks of its Redis at start, against private redis-servers set up each way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess } from '@pantau/api/process';
import { checkRedis, createRedis, RedisEvicts } from '@pantau/ingest';
import { afterEach, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';

let server: PrivateRedis | undefined;

afterEach(async () => {
  await server?.remove();
  server = undefined;
});

async function check(args: string[]): Promise<string[]> {
  server = await startPrivateRedis(args);
  const redis = createRedis(server.url);
  try {
    return await checkRedis(redis);
  } finally {
    await redis.quit();
  }
}

describe('checkRedis', () => {
  it('accepts a Redis that never evicts and keeps an append-only file', async () => {
    expect(await check([])).toEqual([]);
  });

  it('refuses one that would evict queued jobs under memory pressure, saying why', async () => {
    await expect(check(['--maxmemory-policy', 'allkeys-lru'])).rejects.toThrow(RedisEvicts);
    await server?.remove();
    await expect(check(['--maxmemory-policy', 'volatile-ttl'])).rejects.toThrow(
      /maxmemory-policy is volatile-ttl: .* Set it to noeviction/,
    );
  });

  it('warns about one without persistence, which loses queued reports when it crashes', async () => {
    expect(await check(['--appendonly', 'no'])).toEqual([
      expect.stringMatching(/^Redis keeps its queues in memory only/),
    ]);
  });

  it('keeps the API from starting on a Redis that evicts', async () => {
    server = await startPrivateRedis(['--maxmemory-policy', 'allkeys-lru']);
    const dataDir = mkdtempSync(join(tmpdir(), 'pantau-evicts-'));
    try {
      await expect(
        startApiProcess({
          DATA_DIR: dataDir,
          REDIS_URL: server.url,
          ADMIN_TOKEN: 'evicts-admin-token-00000000',
        }),
      ).rejects.toThrow(/maxmemory-policy is allkeys-lru/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
