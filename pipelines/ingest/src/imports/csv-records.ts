// Streams CSV records from a byte stream, split into cells or as raw record text; the raw reader
// first learns the file's dialect from its header line.
import { CSV_DIALECTS, type CsvDialect } from '@pantau/domain';
import { CsvParser, CsvRecordSplitter, type CsvRecord, type RawCsvRecord } from './csv-parser';
import { peekPieces } from './peek';
import { MAX_RECORD_CHARS, type OversizedRecord } from './record-limit';
import { decodeText } from './text-lines';

export type { CsvRecord, RawCsvRecord } from './csv-parser';

export async function* readCsvRecords(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  for await (const text of decodeText(body)) yield* parser.push(text);
  yield* parser.end();
}

function count(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) n++;
  return n;
}

/**
 * The dialect a header line is written in: names separated by `;` rather than `,` are what
 * Excel set to Indonesian saves (the contract's column names hold neither character).
 */
export function detectCsvDialect(headerLine: string): CsvDialect {
  return count(headerLine, ';') > count(headerLine, ',') ? 'semicolon' : 'comma';
}

/**
 * Reads the text up to the end of its first line (at most a record's length) to learn the
 * dialect, then gives the whole text back, the first pieces replayed.
 */
async function withDialect(
  body: AsyncIterable<Uint8Array | string>,
): Promise<{ dialect: CsvDialect; text: AsyncGenerator<string> }> {
  let seen = 0;
  const { head, all } = await peekPieces(
    decodeText(body),
    (piece) => /[\r\n]/.test(piece) || (seen += piece.length) > MAX_RECORD_CHARS,
  );
  const [firstLine = ''] = head.join('').split(/[\r\n]/, 1);
  return { dialect: detectCsvDialect(firstLine), text: all };
}

/**
 * Records as raw text, with the dialect the header showed: how the API cuts an import into
 * chunks for the validate workers (which split the cells with the same dialect).
 */
export async function openRawCsvRecords(body: AsyncIterable<Uint8Array | string>): Promise<{
  dialect: CsvDialect;
  records: AsyncGenerator<RawCsvRecord | OversizedRecord>;
}> {
  const { dialect, text } = await withDialect(body);
  const splitter = new CsvRecordSplitter(CSV_DIALECTS[dialect].delimiter);
  async function* records() {
    for await (const piece of text) yield* splitter.push(piece);
    yield* splitter.end();
  }
  return { dialect, records: records() };
}
