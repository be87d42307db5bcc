// Writes one export to a file: DuckDB copies CSV and Parquet itself; XLSX rows stream from
// DuckDB into the workbook writer.
import {
  exportAreaScores,
  exportReports,
  REPORT_EXPORT_COLUMNS,
  SCORE_EXPORT_COLUMNS,
  streamAreaScores,
  streamReports,
  type Database,
  type ExportFormat,
  type PeriodSpan,
} from '@pantau/warehouse';
import type { Level } from '@pantau/domain';
import type { Kysely } from 'kysely';
import type { ExportLang } from './export-columns';
import { writeXlsx } from './xlsx-writer';

/** The /scores rows of a level, or (level null) the raw reports. */
export interface ExportRequest {
  level: Level | null;
  parent: string | null;
  periods: PeriodSpan;
  format: ExportFormat;
  lang: ExportLang;
}

/** The workbook's tab, in the reader's language. */
const SHEET_NAMES: Record<'scores' | 'reports', Record<ExportLang, string>> = {
  scores: { id: 'Skor', en: 'Scores' },
  reports: { id: 'Laporan', en: 'Reports' },
};

/** Writes the export to `path`; returns how many rows it wrote. */
export function writeExport(
  db: Kysely<Database>,
  request: ExportRequest,
  path: string,
): Promise<number> {
  const { level, parent, periods, format, lang } = request;
  if (format === 'xlsx') {
    return level === null
      ? writeXlsx(
          path,
          { name: SHEET_NAMES.reports[lang], lang, columns: REPORT_EXPORT_COLUMNS },
          streamReports(db, { parent, periods }),
        )
      : writeXlsx(
          path,
          { name: SHEET_NAMES.scores[lang], lang, columns: SCORE_EXPORT_COLUMNS },
          streamAreaScores(db, { level, parent, periods }),
        );
  }
  const target = { path, format };
  return level === null
    ? exportReports(db, { parent, periods }, target)
    : exportAreaScores(db, { level, parent, periods }, target);
}
