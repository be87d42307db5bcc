// Resolves "areas of a level inside a parent" into columns that every table carries.
import { levelOfCode, type Level, PILLAR_CODES, type PillarCode } from '@pantau/domain';
import { sql, type RawBuilder } from 'kysely';

/** Column holding a row's ancestor at each level (areas, reports and cadres-by-village). */
export const ANCESTOR_COLUMN = {
  region: 'region_code',
  province: 'province_code',
  regency: 'regency_code',
  district: 'district_code',
  village: 'code',
} as const;

export type AncestorColumn = (typeof ANCESTOR_COLUMN)[Exclude<Level, 'village'>];

/** A metric a score query can rank or bin: the DCI or one pillar. */
export type Metric = 'dci' | PillarCode;

export const METRICS: readonly Metric[] = ['dci', ...PILLAR_CODES];

export interface Scope {
  /** The parent area, or null for the whole country. */
  parent: string | null;
}

/** The column to filter on for areas inside `parent`, or null for the whole country. */
export function parentColumn(parent: string | null): AncestorColumn | null {
  if (parent === null) return null;
  const level = levelOfCode(parent);
  if (level === null || level === 'village') return null;
  return ANCESTOR_COLUMN[level];
}

/** Levels strictly below `parent` (all levels for the country). Regions sit above provinces. */
export function levelsBelow(parent: string | null): Level[] {
  const order: Level[] = ['region', 'province', 'regency', 'district', 'village'];
  if (parent === null) return order;
  const level = levelOfCode(parent);
  return level === null ? [] : order.slice(order.indexOf(level) + 1);
}

/** Length of an administrative code at each level: an area's ancestors are prefixes of its code. */
const CODE_LENGTH = { province: 2, regency: 5, district: 8 } as const;

/**
 * SQL true when the area code in `column` lies inside `parent` (any table with codes, no join):
 * by prefix for administrative parents, by the province mapping for programme regions.
 */
export function codeInside(
  column: RawBuilder<unknown>,
  parent: string | null,
): RawBuilder<unknown> {
  if (parent === null) return sql`TRUE`;
  if (levelOfCode(parent) === 'region') {
    return sql`left(${column}, ${sql.lit(CODE_LENGTH.province)}) IN (
      SELECT code FROM areas WHERE level = 'province' AND region_code = ${parent})`;
  }
  return sql`starts_with(${column}, ${`${parent}.`})`;
}

/**
 * SQL for the code of the `level` area that holds the village whose code is in `column`.
 * Regions need `join` to have joined the village's province as `p` (see provinceJoin).
 */
export function ancestorOf(level: Level, column: RawBuilder<unknown>): RawBuilder<unknown> {
  if (level === 'village') return column;
  if (level === 'region') return sql`p.region_code`;
  return sql`left(${column}, ${sql.lit(CODE_LENGTH[level])})`;
}

/** The join `ancestorOf('region', …)` needs: the village's province row as `p`. */
export function provinceJoin(level: Level, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return level === 'region'
    ? sql`JOIN areas p ON p.code = left(${column}, ${sql.lit(CODE_LENGTH.province)})`
    : sql``;
}
