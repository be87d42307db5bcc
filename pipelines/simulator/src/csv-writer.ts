// Writes simulated reports as the CSV form of DESIGN.md, streaming with backpressure.
import type { Writable } from 'node:stream';
import { CSV_REPORT_COLUMNS, INDICATOR_CODES } from '@pantau/domain';
import { csvCell, csvLine } from './csv-format';
import type { SimulatedItem, SimulatedReport, SimulatedValue } from './simulated-item';
import { writeLines, type Source, type WriteSummary } from './write-lines';

/** `report_id,cadre_id,village_code,period,submitted_at,notes,<the 24 indicators in catalogue order>`. */
export const CSV_HEADER: readonly string[] = [...CSV_REPORT_COLUMNS, ...INDICATOR_CODES];

export type BooleanSpelling = 'true-false' | 'ya-tidak';

const BOOLEAN_WORDS: Record<BooleanSpelling, { yes: string; no: string }> = {
  'true-false': { yes: 'true', no: 'false' },
  'ya-tidak': { yes: 'ya', no: 'tidak' },
};

export interface CsvWriteOptions {
  /** How booleans are spelt (default `true-false`). */
  booleans?: BooleanSpelling;
  /**
   * Indicator columns beyond the catalogue, appended to the header: pass
   * `UNKNOWN_INDICATOR_CODES` when the items include `unknown-indicator` rows.
   */
  extraColumns?: readonly string[];
  onProgress?: (progress: WriteSummary) => void;
}

function valueCell(value: SimulatedValue | undefined, words: { yes: string; no: string }): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  return typeof value === 'number' ? String(value) : csvCell(value);
}

/** One CSV record of a report (with CRLF); throws for an indicator that has no column. */
export function csvRecord(
  report: SimulatedReport,
  indicatorColumns: readonly string[],
  booleans: BooleanSpelling = 'true-false',
): string {
  const words = BOOLEAN_WORDS[booleans];
  let line = '';
  for (const column of CSV_REPORT_COLUMNS) line += `${csvCell(report[column] ?? '')},`;
  const indicators = report.indicators ?? {};
  let written = 0;
  for (let i = 0; i < indicatorColumns.length; i++) {
    const value = indicators[indicatorColumns[i] as string];
    if (value !== undefined) written += 1;
    line += i === 0 ? valueCell(value, words) : `,${valueCell(value, words)}`;
  }
  if (written !== Object.keys(indicators).length) {
    const missing = Object.keys(indicators).filter((code) => !indicatorColumns.includes(code));
    throw new Error(
      `no CSV column for indicator(s) ${missing.join(', ')}: pass them in extraColumns`,
    );
  }
  return `${line}\r\n`;
}

/** Writes the header and one record per item; the caller owns the stream and ends it. */
export function writeCsv(
  items: Source<SimulatedItem>,
  stream: Writable,
  { booleans = 'true-false', extraColumns = [], onProgress }: CsvWriteOptions = {},
): Promise<WriteSummary> {
  const columns = [...INDICATOR_CODES, ...extraColumns];
  return writeLines(items, (item) => csvRecord(item.report, columns, booleans), stream, {
    header: csvLine([...CSV_REPORT_COLUMNS, ...columns]),
    onProgress,
  });
}
