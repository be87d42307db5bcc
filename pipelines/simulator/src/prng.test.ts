import { describe, expect, it } from 'vitest';
import { hashString, mixSeeds, Random, seedKey } from './prng';

describe('Random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 100 }, () => a.uint32())).toEqual(
      Array.from({ length: 100 }, () => b.uint32()),
    );
  });

  it('gives a different sequence for a neighbouring seed', () => {
    const a = new Random(42);
    const b = new Random(43);
    const same = Array.from({ length: 100 }, () => a.uint32() === b.uint32()).filter(Boolean);
    expect(same.length).toBe(0);
  });

  it('draws uniform numbers in [0, 1) with a mean near one half', () => {
    const random = new Random(1);
    const values = Array.from({ length: 100_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 2);
  });

  it('draws whole numbers covering both ends of an inclusive range', () => {
    const random = new Random(2);
    const seen = new Set(Array.from({ length: 1_000 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws normal deviates with the requested mean and spread', () => {
    const random = new Random(3);
    const values = Array.from({ length: 100_000 }, () => random.normal(10, 2));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('shuffles a copy and keeps every element', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = new Random(4).shuffled(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual(items);
  });
});

describe('seed helpers', () => {
  it('hash strings and mix keys deterministically and order-sensitively', () => {
    expect(hashString('15.02.02.2004')).toBe(hashString('15.02.02.2004'));
    expect(hashString('15.02.02.2004')).not.toBe(hashString('15.02.02.2005'));
    expect(mixSeeds(1, 2)).toBe(mixSeeds(1, 2));
    expect(mixSeeds(1, 2)).not.toBe(mixSeeds(2, 1));
    expect(seedKey(2 ** 40)).not.toBe(seedKey(0));
  });
});
