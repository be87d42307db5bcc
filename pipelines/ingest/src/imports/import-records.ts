// Reads an import's body as records of its format, checking a CSV header before any row.
import { checkCsvHeader } from '@pantau/domain';
import type { SourceRecord } from '../validate/validate.job';
import { parseCsvRecord } from './csv-parser';
import { readRawCsvRecords } from './csv-records';
import { readNdjsonRecords } from './ndjson-records';
import { MAX_RECORD_CHARS } from './record-limit';

export type ImportFormat = 'csv' | 'ndjson';

/** The file cannot be read at all (a CSV header missing required columns, say). */
export class ImportFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ImportFormatError';
  }
}

export interface ImportRecords {
  header: string[] | undefined;
  records: AsyncIterable<SourceRecord>;
}

/** Opens the body: for CSV reads and checks the header; the data records follow lazily. */
export async function openImportRecords(
  format: ImportFormat,
  body: AsyncIterable<Uint8Array | string>,
): Promise<ImportRecords> {
  if (format === 'ndjson') return { header: undefined, records: readNdjsonRecords(body) };
  // Records travel as raw text: the workers split the cells, the API only finds the records.
  const csv = readRawCsvRecords(body);
  const first = await csv.next();
  if (first.done) throw new ImportFormatError(['the file is empty: a CSV needs a header row']);
  if ('oversized' in first.value)
    throw new ImportFormatError([`the header row is longer than ${MAX_RECORD_CHARS} characters`]);
  const header = parseCsvRecord(first.value.csv).map((name) => name.trim());
  const problems = checkCsvHeader(header);
  if (problems.length > 0) throw new ImportFormatError(problems);
  return { header, records: csv };
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
