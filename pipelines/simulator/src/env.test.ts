import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAdminTokenFile } from '@pantau/config';
import { describe, expect, it } from 'vitest';
import { adminTokenOf, invocationDir, loadEnv } from './env';

describe('loadEnv', () => {
  it('applies the defaults of @pantau/config', () => {
    expect(loadEnv({})).toEqual({
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'pantau',
      API_PORT: 8787,
      DATA_DIR: './data',
    });
  });

  it('takes ADMIN_TOKEN, else the token generated into the data dir', () => {
    const root = mkdtempSync(join(tmpdir(), 'pantau-sim-'));
    try {
      const source = { INIT_CWD: root };
      expect(adminTokenOf(loadEnv(source), source)).toBeNull();
      writeAdminTokenFile(join(root, 'data'), 'generated-token-0123456789');
      expect(adminTokenOf(loadEnv(source), source)).toBe('generated-token-0123456789');
      const set = { ...source, ADMIN_TOKEN: 'kq3Zt0pW8vS1yXbN4mR7cJ2hF6dL9aEg' };
      expect(adminTokenOf(loadEnv(set), set)).toBe('kq3Zt0pW8vS1yXbN4mR7cJ2hF6dL9aEg');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names a bad variable', () => {
    expect(() => loadEnv({ QUEUE_PREFIX: 'a b' })).toThrow(/QUEUE_PREFIX/);
  });

  it('resolves files against the directory npm was started from', () => {
    expect(invocationDir({ INIT_CWD: '/home/user' })).toBe('/home/user');
    expect(invocationDir({})).toBe(process.cwd());
  });
});
