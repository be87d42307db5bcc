import { describe, expect, it } from 'vitest';
import type { AreaScore } from '$lib/api/endpoints';
import { leaderRows, parseDir, parseSort, sortRows } from './leaderboard';

function area(
  code: string,
  name: string,
  dci: number | null,
  reporting = 1,
  expected = 2,
): AreaScore {
  return {
    code,
    name,
    level: 'regency',
    dci,
    stage: null,
    pillars: {
      people: dci === null ? null : dci / 2,
      government: null,
      economy: null,
      environment: null,
      living: null,
      mobility: null,
    },
    villages_reporting: reporting,
    villages_expected: expected,
  };
}

const march = [
  area('15.01', 'Kerinci', 40),
  area('15.02', 'Merangin', 55),
  area('15.03', 'Sarolangun', null),
];
const february = [area('15.01', 'Kerinci', 42.5), area('15.02', 'Merangin', 50)];

describe('leaderRows', () => {
  it('adds the change from last month and the reporting rate', () => {
    const rows = leaderRows(march, february);
    expect(rows.map((r) => r.change)).toEqual([-2.5, 5, null]);
    expect(rows[0]?.rate).toBe(0.5);
    expect(leaderRows([area('15.09', 'Tebo', 10, 0, 0)], [])[0]?.rate).toBeNull();
  });
});

describe('sortRows', () => {
  const rows = leaderRows(march, february);

  it('puts the best DCI first by default and areas without data last', () => {
    expect(sortRows(rows, 'dci', 'desc').map((r) => r.name)).toEqual([
      'Merangin',
      'Kerinci',
      'Sarolangun',
    ]);
    expect(sortRows(rows, 'dci', 'asc').map((r) => r.name)).toEqual([
      'Kerinci',
      'Merangin',
      'Sarolangun',
    ]);
  });

  it('sorts by a pillar, by change and by name', () => {
    expect(sortRows(rows, 'people', 'desc')[0]?.name).toBe('Merangin');
    expect(sortRows(rows, 'change', 'asc')[0]?.name).toBe('Kerinci');
    expect(sortRows(rows, 'name', 'desc').map((r) => r.name)).toEqual([
      'Sarolangun',
      'Merangin',
      'Kerinci',
    ]);
  });
});

describe('sort parameters', () => {
  it('falls back to the DCI, best first, on anything unknown', () => {
    expect(parseSort('bogus')).toBe('dci');
    expect(parseSort('mobility')).toBe('mobility');
    expect(parseDir(null, 'dci')).toBe('desc');
    expect(parseDir(null, 'name')).toBe('asc');
    expect(parseDir('asc', 'dci')).toBe('asc');
  });
});
