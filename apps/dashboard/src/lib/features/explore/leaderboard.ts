// The rows of an area's leaderboard: its children with the change from last month, sortable.
import { isPillarCode, PILLAR_CODES, type PillarCode } from '@pantau/domain';
import type { AreaScore } from '$lib/api/endpoints';

export type SortKey = 'name' | 'dci' | PillarCode | 'rate' | 'change';
export type SortDir = 'asc' | 'desc';

export const SORT_PARAM = 'sort';
export const DIR_PARAM = 'dir';

/** An area's reporting completeness: villages expected (active cadre) and how many reported. */
export interface AreaReporting {
  code: string;
  expected: number;
  reported: number;
}

export interface LeaderRow extends AreaScore {
  /** Expected villages that reported / expected villages, as /completeness counts them. */
  expected: number;
  reported: number;
  /** reported / expected; null when none is expected. */
  rate: number | null;
  /** DCI minus last month's DCI; null when either is missing. */
  change: number | null;
}

/**
 * Rows with the change from last month and the reporting rate. The rate counts only villages
 * expected to report (villages_reporting also counts a village whose cadre is inactive, which
 * would push a rate past 100 %).
 */
export function leaderRows(
  current: readonly AreaScore[],
  previous: readonly AreaScore[],
  reporting: readonly AreaReporting[],
): LeaderRow[] {
  const before = new Map(previous.map((r) => [r.code, r.dci]));
  const completeness = new Map(reporting.map((r) => [r.code, r]));
  return current.map((row) => {
    const last = before.get(row.code) ?? null;
    const { expected = 0, reported = 0 } = completeness.get(row.code) ?? {};
    return {
      ...row,
      expected,
      reported,
      rate: expected > 0 ? reported / expected : null,
      change: row.dci !== null && last !== null ? row.dci - last : null,
    };
  });
}

export function parseSort(value: string | null): SortKey {
  if (value === 'name' || value === 'rate' || value === 'change' || value === 'dci') return value;
  return value !== null && isPillarCode(value) ? value : 'dci';
}

export function parseDir(value: string | null, key: SortKey): SortDir {
  if (value === 'asc' || value === 'desc') return value;
  return defaultDir(key);
}

/** Names read A→Z; numbers best first. */
export function defaultDir(key: SortKey): SortDir {
  return key === 'name' ? 'asc' : 'desc';
}

function sortValue(row: LeaderRow, key: SortKey): number | string | null {
  if (key === 'name') return row.name;
  if (key === 'dci' || key === 'rate' || key === 'change') return row[key];
  return row.pillars[key];
}

/** Sorted copy; rows without a value always go last, ties keep code order. */
export function sortRows(rows: readonly LeaderRow[], key: SortKey, dir: SortDir): LeaderRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null && y === null) return a.code.localeCompare(b.code);
    if (x === null) return 1;
    if (y === null) return -1;
    const order =
      typeof x === 'string' && typeof y === 'string'
        ? x.localeCompare(y, 'id')
        : (x as number) - (y as number);
    return order === 0 ? a.code.localeCompare(b.code) : sign * order;
  });
}

export const SORT_KEYS: readonly SortKey[] = ['name', 'dci', ...PILLAR_CODES, 'rate', 'change'];
