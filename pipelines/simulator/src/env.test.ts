import { describe, expect, it } from 'vitest';
import { invocationDir, loadEnv } from './env';

describe('loadEnv', () => {
  it('applies the defaults of @pantau/config', () => {
    expect(loadEnv({})).toEqual({
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'pantau',
      API_PORT: 8787,
    });
  });

  it('names a bad variable', () => {
    expect(() => loadEnv({ QUEUE_PREFIX: 'a b' })).toThrow(/QUEUE_PREFIX/);
  });

  it('resolves files against the directory npm was started from', () => {
    expect(invocationDir({ INIT_CWD: '/home/user' })).toBe('/home/user');
    expect(invocationDir({})).toBe(process.cwd());
  });
});
