// Resolves "areas of a level inside a parent" into columns that every table carries.
import { levelOfCode, type Level, PILLAR_CODES, type PillarCode } from '@pantau/domain';

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
