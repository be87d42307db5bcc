import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAdminTokenFile } from '@pantau/config';
import { describe, expect, it } from 'vitest';
import { adminTokenOf, apiUrlOf, connect, invocationDir, loadEnv, userPath } from './invocation';

describe('loadEnv', () => {
  it('applies the defaults of @pantau/config', () => {
    expect(loadEnv({})).toEqual({
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'pantau',
      API_PORT: 8787,
      API_URL: 'http://127.0.0.1:8787',
      DATA_DIR: './data',
    });
  });

  it('names a bad variable', () => {
    expect(() => loadEnv({ QUEUE_PREFIX: 'a b' })).toThrow(/QUEUE_PREFIX/);
  });
});

describe('the admin token', () => {
  it('is --token, else ADMIN_TOKEN, else the token generated into DATA_DIR', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pantau-cli-'));
    try {
      const source = { DATA_DIR: dataDir };
      expect(adminTokenOf(loadEnv(source))).toBeNull();
      expect(() => connect(loadEnv(source), {}, source)).toThrow(/No token.*admin-token/);
      writeAdminTokenFile(dataDir, 'generated-token-0123456789');
      expect(adminTokenOf(loadEnv(source))).toBe('generated-token-0123456789');
      const set = { ...source, ADMIN_TOKEN: 'kq3Zt0pW8vS1yXbN4mR7cJ2hF6dL9aEg' };
      expect(adminTokenOf(loadEnv(set))).toBe('kq3Zt0pW8vS1yXbN4mR7cJ2hF6dL9aEg');
      expect(adminTokenOf(loadEnv(set), 'from-the-flag')).toBe('from-the-flag');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('where things are', () => {
  it('resolves files against the directory npm was started from', () => {
    expect(invocationDir({ INIT_CWD: '/home/user' })).toBe('/home/user');
    expect(invocationDir({})).toBe(process.cwd());
    expect(userPath('r.csv', { INIT_CWD: '/home/user' })).toBe('/home/user/r.csv');
    expect(userPath('/tmp/r.csv', { INIT_CWD: '/home/user' })).toBe('/tmp/r.csv');
  });

  it('finds the API at --api, else API_URL when set, else on API_PORT', () => {
    const port = { API_PORT: '9100' };
    expect(apiUrlOf(loadEnv(port), undefined, port)).toBe('http://127.0.0.1:9100');
    const url = { ...port, API_URL: 'http://api.internal:8787/' };
    expect(apiUrlOf(loadEnv(url), undefined, url)).toBe('http://api.internal:8787');
    expect(apiUrlOf(loadEnv(url), 'http://x:1', url)).toBe('http://x:1');
  });
});
