// Streams CSV records from a byte stream, split into cells or as raw record text.
import { CsvParser, CsvRecordSplitter, type CsvRecord, type RawCsvRecord } from './csv-parser';
import type { OversizedRecord } from './record-limit';
import { decodeText } from './text-lines';

export type { CsvRecord, RawCsvRecord } from './csv-parser';

export async function* readCsvRecords(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  for await (const text of decodeText(body)) yield* parser.push(text);
  yield* parser.end();
}

/** Records as raw text: how the API cuts an import into chunks for the validate workers. */
export async function* readRawCsvRecords(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<RawCsvRecord | OversizedRecord> {
  const splitter = new CsvRecordSplitter();
  for await (const text of decodeText(body)) yield* splitter.push(text);
  yield* splitter.end();
}
