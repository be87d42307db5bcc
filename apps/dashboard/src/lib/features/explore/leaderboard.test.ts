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

const reporting = [
  { code: '15.01', expected: 2, reported: 1 },
  { code: '15.02', expected: 4, reported: 4 },
];

describe('leaderRows', () => {
  it('adds the change from last month and the reporting rate of expected villages', () => {
    const rows = leaderRows(march, february, reporting);
    expect(rows.map((r) => r.change)).toEqual([-2.5, 5, null]);
    expect(rows[0]?.rate).toBe(0.5);
    expect(rows[2]?.rate).toBeNull();
  });

  it('never reports more than 100 % when a village without an active cadre reports', () => {
    // 5 villages reported in Merangin, 4 of them expected: the rate is 4 / 4.
    const rows = leaderRows([area('15.02', 'Merangin', 55, 5, 4)], [], reporting);
    expect(rows[0]).toMatchObject({ rate: 1, reported: 4, expected: 4 });
  });
});

describe('sortRows', () => {
  const rows = leaderRows(march, february, reporting);

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
