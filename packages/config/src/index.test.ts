import { describe, expect, it } from 'vitest';
import { EnvError, isPlaceholderToken, MiB, parseByteSize, parseEnv } from './index';

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

  it('names a bad ADMIN_TOKEN without repeating it', () => {
    const secret = 'short-secret';
    const parse = () => parseEnv(['ADMIN_TOKEN'], { ADMIN_TOKEN: secret });
    expect(parse).toThrow(/ADMIN_TOKEN \(value not shown\): at least 16 characters/);
    expect(parse).not.toThrow(new RegExp(secret));
  });

  it('shows a bad URL without the password it carries', () => {
    const parse = () => parseEnv(['REDIS_URL'], { REDIS_URL: 'http://:hunter2@redis:6379' });
    expect(parse).toThrow(/REDIS_URL="http:\/\/\*\*\*@redis:6379"/);
    expect(parse).not.toThrow(/hunter2/);
  });

  it('refuses a placeholder ADMIN_TOKEN that passes the length check', () => {
    for (const placeholder of [
      'change-this-admin-token',
      'CHANGE_ME_CHANGE_ME',
      'replace-me-with-a-secret',
      'your-admin-token-here',
      'adminadminadminadmin',
      'password1234567890',
      'xxxxxxxxxxxxxxxxxxxxxxxx',
    ]) {
      const parse = () => parseEnv(['ADMIN_TOKEN'], { ADMIN_TOKEN: placeholder });
      expect(parse, placeholder).toThrow(/ADMIN_TOKEN \(value not shown\): a placeholder/);
    }
  });

  it('takes a generated ADMIN_TOKEN', () => {
    const token = 'kq3Zt0pW8vS1yXbN4mR7cJ2hF6dL9aEg';
    expect(isPlaceholderToken(token)).toBe(false);
    expect(parseEnv(['ADMIN_TOKEN'], { ADMIN_TOKEN: token })).toEqual({ ADMIN_TOKEN: token });
  });

  it('reads sizes in bytes or with a unit, and refuses anything else', () => {
    expect(parseEnv(['REPORTS_MAX_BYTES'], {})).toEqual({ REPORTS_MAX_BYTES: 2 * MiB });
    expect(parseEnv(['REPORTS_MAX_BYTES'], { REPORTS_MAX_BYTES: '512KiB' })).toEqual({
      REPORTS_MAX_BYTES: 512 * 1024,
    });
    expect(parseEnv(['CADRES_MAX_BYTES'], { CADRES_MAX_BYTES: '1000' })).toEqual({
      CADRES_MAX_BYTES: 1000,
    });
    expect(() => parseEnv(['SESSION_MAX_BYTES'], { SESSION_MAX_BYTES: 'lots' })).toThrow(
      /SESSION_MAX_BYTES="lots": a size/,
    );
    expect(() => parseEnv(['SESSION_MAX_BYTES'], { SESSION_MAX_BYTES: '0' })).toThrow(
      /SESSION_MAX_BYTES="0"/,
    );
  });
});

describe('parseByteSize', () => {
  it('reads units as powers of 1,024, in any case', () => {
    expect(parseByteSize('2MiB')).toBe(2 * MiB);
    expect(parseByteSize(' 1 g ')).toBe(1024 * MiB);
    expect(parseByteSize('4kb')).toBe(4096);
    expect(parseByteSize('1.5MiB')).toBeNaN();
    expect(parseByteSize('2 parsecs')).toBeNaN();
  });
});
