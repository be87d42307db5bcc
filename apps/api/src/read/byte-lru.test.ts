import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru';

describe('ByteLru', () => {
  it('evicts the least recently used until its bytes fit', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 4);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C']);
    expect(lru.bytes).toBe(8);
  });

  it('keeps nothing bigger than the whole, and re-counts a value that grew', () => {
    const lru = new ByteLru<string>(10);
    lru.set('huge', 'H', 11);
    expect([lru.get('huge'), lru.bytes]).toEqual([undefined, 0]);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    lru.resize('a', 'A', 7);
    expect([lru.get('a'), lru.get('b'), lru.bytes]).toEqual(['A', undefined, 7]);
    lru.resize('a', 'other value', 1);
    expect(lru.bytes).toBe(7);
  });
});
