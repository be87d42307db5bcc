import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './index';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    expect(
      parseEnv(['API_PORT', 'DASHBOARD_PORT', 'REDIS_URL', 'QUEUE_PREFIX', 'DATA_DIR', 'DEMO'], {}),
    ).toEqual({
      API_PORT: 8787,
      DASHBOARD_PORT: 3000,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'pantau',
      DATA_DIR: './data',
      DEMO: 'on',
    });
  });

  it('reads set values and treats empty strings as unset', () => {
    expect(parseEnv(['API_PORT', 'LOG_LEVEL'], { API_PORT: '9000', LOG_LEVEL: '' })).toEqual({
      API_PORT: 9000,
      LOG_LEVEL: 'info',
    });
  });

  it('names every bad variable in one error', () => {
    const parse = () =>
      parseEnv(['API_PORT', 'REDIS_URL', 'DEMO'], {
        API_PORT: 'eighty',
        REDIS_URL: 'http://x',
        DEMO: 'yes',
      });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow(/API_PORT="eighty".*REDIS_URL="http:\/\/x".*DEMO="yes"/);
  });
});
