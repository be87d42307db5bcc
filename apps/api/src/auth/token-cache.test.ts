import { describe, expect, it } from 'vitest';
import type { Principal } from './principal';
import { TokenCache, tokenCacheOf } from './token-cache';

const analyst: Principal = { token_id: 'a', name: 'a', role: 'analyst', scope: null };

describe('TokenCache', () => {
  it('remembers a principal for a minute, then forgets it', () => {
    const cache = new TokenCache();
    cache.set('h', analyst, 0);
    expect(cache.get('h', 59_999)).toBe(analyst);
    expect(cache.get('h', 60_000)).toBeNull();
  });

  it('forgets everything on clear (a revocation)', () => {
    const cache = new TokenCache();
    cache.set('h', analyst, 0);
    cache.clear();
    expect(cache.get('h', 1)).toBeNull();
  });

  it('keeps one cache per app', () => {
    const a = {};
    expect(tokenCacheOf(a)).toBe(tokenCacheOf(a));
    expect(tokenCacheOf(a)).not.toBe(tokenCacheOf({}));
  });
});
