// Completeness view helpers: which level lists a parent's areas, worst-first order, the CSV export.
import { csvCell, levelOfCode, type Level } from '@pantau/domain';
import type { AreaCompleteness, MissingVillage } from '$lib/api/endpoints';
import { childLevelOf } from '$lib/view/view-state';

export const PARENT_PARAM = 'parent';
/** Enough for every missing village of a kabupaten in the export (the API allows 5,000). */
export const MISSING_LIMIT = 5_000;

/** The level of the rows shown inside `parent` (the country lists provinces). */
export function rowsLevel(parent: string | null): Level {
  if (parent === null) return 'province';
  const level = levelOfCode(parent);
  return (level && childLevelOf(level)) ?? 'village';
}

/** Lowest reporting rate first — what a regional lead chases; areas expecting no one go last. */
export function worstFirst(rows: readonly AreaCompleteness[]): AreaCompleteness[] {
  return [...rows].sort((a, b) => {
    if (a.rate === null && b.rate === null) return a.code.localeCompare(b.code);
    if (a.rate === null) return 1;
    if (b.rate === null) return -1;
    return a.rate - b.rate || b.expected - a.expected || a.code.localeCompare(b.code);
  });
}

export const MISSING_CSV_COLUMNS = [
  'village_code',
  'village_name',
  'district_code',
  'district_name',
  'cadre_id',
  'cadre_name',
  'period',
] as const;

/**
 * The villages that have not reported, as CSV with a header row (CRLF line ends); cells that a
 * spreadsheet would run as formulas are neutralised, and a cadre not shown is an empty cell.
 */
export function missingVillagesCsv(villages: readonly MissingVillage[], period: string): string {
  const lines = [MISSING_CSV_COLUMNS.join(',')];
  for (const v of villages) {
    lines.push(
      [v.code, v.name, v.district_code, v.district_name, v.cadre_id, v.cadre_name, period]
        .map((text) => csvCell(text ?? ''))
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function missingCsvFilename(parent: string | null, period: string): string {
  return `desa-belum-melapor_${parent ?? 'indonesia'}_${period}.csv`;
}
