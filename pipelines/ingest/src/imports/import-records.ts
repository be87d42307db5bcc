// Reads an import's body as records of its format, checking a CSV or XLSX header before any row.
import { checkCsvHeader, CSV_DIALECTS, type CsvDialect } from '@pantau/domain';
import type { SourceRecord } from '../validate/validate.job';
import { parseCsvRecord } from './csv-parser';
import { openRawCsvRecords } from './csv-records';
import { readNdjsonRecords } from './ndjson-records';
import { peekPieces } from './peek';
import { MAX_RECORD_CHARS } from './record-limit';
import { looksLikeZip, readXlsxRecords, UnreadableWorkbook, ZIP_MAGIC_BYTES } from './xlsx-records';

export const IMPORT_FORMATS = ['csv', 'ndjson', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The file cannot be read at all (a CSV header missing required columns, say). */
export class ImportFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ImportFormatError';
  }
}

export interface ImportRecords {
  header: string[] | undefined;
  /** The CSV dialect the header showed (CSV only). */
  dialect: CsvDialect | undefined;
  records: AsyncIterable<SourceRecord>;
}

function headerTooLong(): ImportFormatError {
  return new ImportFormatError([`the header row is longer than ${MAX_RECORD_CHARS} characters`]);
}

function checkedHeader(header: string[]): string[] {
  const problems = checkCsvHeader(header);
  if (problems.length > 0) throw new ImportFormatError(problems);
  return header;
}

async function openCsv(body: AsyncIterable<Uint8Array>): Promise<ImportRecords> {
  // Records travel as raw text: the workers split the cells, the API only finds the records.
  const { dialect, records } = await openRawCsvRecords(body);
  const first = await records.next();
  if (first.done) throw new ImportFormatError(['the file is empty: a CSV needs a header row']);
  if ('oversized' in first.value) throw headerTooLong();
  const names = parseCsvRecord(first.value.csv, CSV_DIALECTS[dialect].delimiter);
  return { header: checkedHeader(names.map((name) => name.trim())), dialect, records };
}

async function openXlsx(body: AsyncIterable<Uint8Array>): Promise<ImportRecords> {
  const rows = readXlsxRecords(body);
  const first = await rows.next().catch((error: unknown) => {
    if (error instanceof UnreadableWorkbook) throw new ImportFormatError([error.message]);
    throw error;
  });
  if (first.done) throw new ImportFormatError(['the first sheet is empty: it needs a header row']);
  if ('oversized' in first.value) throw headerTooLong();
  const header = checkedHeader(first.value.cells.map((name) => name.trim()));
  return { header, dialect: undefined, records: rows };
}

/** Opens the body: for CSV and XLSX reads and checks the header; the data records follow lazily. */
export async function openImportRecords(
  format: ImportFormat,
  body: AsyncIterable<Uint8Array>,
): Promise<ImportRecords> {
  if (format === 'ndjson')
    return { header: undefined, dialect: undefined, records: readNdjsonRecords(body) };
  return format === 'xlsx' ? openXlsx(body) : openCsv(body);
}

/**
 * The format the body really is: a ZIP is an XLSX workbook whatever it was sent as (a
 * spreadsheet saved under a .csv name, an upload without a content type). The first piece read
 * to tell is given back in `body`.
 */
export async function sniffFormat(
  declared: ImportFormat,
  body: AsyncIterable<Uint8Array>,
): Promise<{ format: ImportFormat; body: AsyncIterable<Uint8Array> }> {
  let size = 0;
  const { head, all } = await peekPieces(
    body,
    (piece) => (size += piece.byteLength) >= ZIP_MAGIC_BYTES,
  );
  return { format: looksLikeZip(Buffer.concat(head)) ? 'xlsx' : declared, body: all };
}

/** Groups records into chunks of `size`. */
export async function* chunked<T>(records: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const record of records) {
    chunk.push(record);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
