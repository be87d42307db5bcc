import { describe, expect, it } from 'vitest';
import { scopePeerFlags, type PeerFlag } from './peer-flags';

function flagsOf(column: number[]): PeerFlag[] {
  const flags: PeerFlag[] = [];
  scopePeerFlags(column, 0, column.length, (flag) => flags.push(flag));
  return flags;
}

/** The median of numbers, rounded as DuckDB's `median`. */
function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/** The definition, value by value: the median and MAD of the other values of the scope. */
function definitionFlags(column: number[]): PeerFlag[] {
  const flags: PeerFlag[] = [];
  column.forEach((value, row) => {
    if (Number.isNaN(value)) return;
    const others = column.filter((v, r) => r !== row && !Number.isNaN(v));
    if (others.length < 8) return;
    const baseline = median(others);
    const mad = median(others.map((v) => Math.abs(v - baseline)));
    if (!(mad > 0)) return;
    const score = (0.6745 * (value - baseline)) / mad;
    if (Math.abs(score) > 3.5) flags.push({ row, value, baseline, score });
  });
  return flags;
}

describe('scopePeerFlags', () => {
  it('flags a value far from the median of the other villages', () => {
    // Others 10 11 11 12 12 12 13 14: median 12, deviations 2 1 1 0 0 0 1 2, MAD 1.
    expect(flagsOf([10, 11, 11, 12, 12, 12, 13, 14, 40])).toEqual([
      { row: 8, value: 40, baseline: 12, score: 0.6745 * 28 },
    ]);
  });

  it('needs eight other values, skips missing ones and never flags with a MAD of zero', () => {
    expect(flagsOf([10, 11, 11, 12, 12, 13, 14, 40])).toEqual([]);
    expect(flagsOf([10, 11, NaN, 11, 12, 12, 13, 14, 40])).toEqual([]);
    expect(flagsOf([12, 12, 12, 12, 12, 12, 12, 13, 40])).toEqual([]);
  });

  it('equals the value-by-value definition on random scopes with ties, gaps and outliers', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let flagged = 0;
    for (let scope = 0; scope < 500; scope++) {
      const size = 5 + Math.floor(next() * 30);
      const column = Array.from({ length: size }, () => {
        const roll = next();
        if (roll < 0.08) return NaN;
        if (roll < 0.15) return 100 * next();
        return Math.round(20 + next() * 10 * (scope % 3)) / (scope % 2 ? 1 : 10);
      });
      const expected = definitionFlags(column);
      flagged += expected.length;
      expect(flagsOf(column)).toEqual(expected);
    }
    expect(flagged).toBeGreaterThan(50);
  });
});
