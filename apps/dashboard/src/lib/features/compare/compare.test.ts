import { describe, expect, it } from 'vitest';
import type { Comparison } from '$lib/api/endpoints';
import {
  childrenOf,
  chunkAreas,
  mergeComparisons,
  parseAreas,
  withArea,
  withoutArea,
} from './compare';

describe('parseAreas', () => {
  it('keeps valid codes once, in order', () => {
    expect(parseAreas('15.02, 15.01,15.02,bogus,,15')).toEqual(['15.02', '15.01', '15']);
    expect(parseAreas(null)).toEqual([]);
  });
});

describe('childrenOf', () => {
  it('asks for the areas one level below the given one', () => {
    expect(childrenOf('15')).toEqual({ parent: '15', level: 'regency' });
    expect(childrenOf('15.02')).toEqual({ parent: '15.02', level: 'district' });
    expect(childrenOf('JKT')).toEqual({ parent: 'JKT', level: 'province' });
  });

  it('asks nothing for a village, a bad code or no value', () => {
    expect(childrenOf('15.02.02.2004')).toBeNull();
    expect(childrenOf('Jambi')).toBeNull();
    expect(childrenOf(null)).toBeNull();
  });
});

describe('chunkAreas', () => {
  it('sends up to six areas in one request', () => {
    expect(chunkAreas(['a', 'b', 'c'])).toEqual([['a', 'b', 'c']]);
  });

  it('splits eleven kabupaten into two requests of at least two', () => {
    const codes = Array.from({ length: 11 }, (_, i) => `15.${String(i + 1).padStart(2, '0')}`);
    const chunks = chunkAreas(codes);
    expect(chunks.map((c) => c.length)).toEqual([6, 5]);
    expect(chunks.flat()).toEqual(codes);
  });

  it('never leaves a single area alone in a request', () => {
    const chunks = chunkAreas(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(chunks.map((c) => c.length)).toEqual([4, 3]);
  });
});

describe('mergeComparisons', () => {
  it('concatenates the areas of several answers', () => {
    const part = (codes: string[]): Comparison => ({
      level: null,
      parent: null,
      period: '2024-12',
      from: '2024-01',
      to: '2024-12',
      national: {
        dci: 50,
        pillars: { people: 1, government: 1, economy: 1, environment: 1, living: 1, mobility: 1 },
      },
      areas: codes.map((code) => ({ code }) as Comparison['areas'][number]),
    });
    expect(
      mergeComparisons([part(['a', 'b']), part(['c', 'd'])])?.areas.map((a) => a.code),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(mergeComparisons([])).toBeNull();
  });
});

describe('withArea and withoutArea', () => {
  it('adds an area once and removes it', () => {
    expect(withArea(['15.01'], '15.02')).toEqual(['15.01', '15.02']);
    expect(withArea(['15.01'], '15.01')).toEqual(['15.01']);
    expect(withoutArea(['15.01', '15.02'], '15.01')).toEqual(['15.02']);
  });
});
