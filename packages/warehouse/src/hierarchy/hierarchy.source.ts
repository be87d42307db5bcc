// Where Indonesia's administrative hierarchy comes from: the CSV files of the npm package idn-area-data.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const HIERARCHY_PACKAGE = `idn-area-data@${(require('idn-area-data/package.json') as { version: string }).version}`;

export const HIERARCHY_FILES = {
  provinces: require.resolve('idn-area-data/data/provinces.csv'),
  regencies: require.resolve('idn-area-data/data/regencies.csv'),
  districts: require.resolve('idn-area-data/data/districts.csv'),
  villages: require.resolve('idn-area-data/data/villages.csv'),
} as const;

/**
 * Rows of one of the small files (provinces, regencies) as [code, parent?, name] cells.
 * The files have no quoted fields (names may contain a bare `"`), so a plain split is exact.
 */
export function readHierarchyRows(file: keyof typeof HIERARCHY_FILES): string[][] {
  const lines = readFileSync(HIERARCHY_FILES[file], 'utf8').split('\n');
  return lines.slice(1).flatMap((line) => (line.trim() === '' ? [] : [line.split(',')]));
}

/** Every village code, for validation in processes that do not open the warehouse. */
export function readVillageCodes(): Set<string> {
  return new Set(readHierarchyRows('villages').map(([code]) => code as string));
}
