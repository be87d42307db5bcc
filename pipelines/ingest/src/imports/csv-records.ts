// Streams RFC 4180 CSV records with the line each starts on (quoted fields may span lines).
import { decodeText } from './text-lines';

export interface CsvRecord {
  line: number;
  cells: string[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/** A record that is one empty cell (a blank line) carries nothing and is skipped. */
function isBlank(cells: string[]): boolean {
  return cells.length === 1 && cells[0]!.trim() === '';
}

export async function* readCsvRecords(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<CsvRecord> {
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let quoteSeen = false; // a quote inside quotes: either an escaped "" or the closing one
  let line = 1;
  let recordLine = 1;
  let pendingCr = false;

  const endRecord = function* (): Generator<CsvRecord> {
    cells.push(cell);
    if (!isBlank(cells)) yield { line: recordLine, cells };
    cells = [];
    cell = '';
  };

  for await (const text of decodeText(body)) {
    let start = 0; // start of the plain run of characters not yet copied into `cell`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === QUOTE) {
            cell += '"';
            start = i + 1;
            continue;
          }
          inQuotes = false; // the previous quote closed the field; fall through
        } else if (c === QUOTE) {
          cell += text.slice(start, i);
          quoteSeen = true;
          start = i + 1;
          continue;
        } else {
          if (c === LF) line++;
          continue;
        }
      }
      if (c === QUOTE && cell === '' && start === i) {
        inQuotes = true;
        start = i + 1;
      } else if (c === COMMA) {
        cells.push(cell + text.slice(start, i));
        cell = '';
        start = i + 1;
      } else if (c === LF || c === CR) {
        cell += text.slice(start, i);
        yield* endRecord();
        line++;
        recordLine = line;
        pendingCr = c === CR;
        start = i + 1;
      }
    }
    cell += text.slice(start);
  }
  if (cell !== '' || cells.length > 0) yield* endRecord();
}
