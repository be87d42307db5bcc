// Streams the rows of an XLSX workbook's first sheet as text cells, each with its sheet row
// number, so that they are validated exactly as CSV rows are. exceljs reads the ZIP as it
// arrives; a sheet stored before the shared strings (as Excel writes them) waits in a temp file,
// never in memory.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_RECORD_CHARS, oversizedRecord, type OversizedRecord } from './record-limit';

/** A spreadsheet row: its cells as the text a CSV would hold, and its row number. */
export interface CellsRecord {
  line: number;
  cells: string[];
}

/** The workbook cannot be read as XLSX (not a ZIP, no sheet, a broken part). */
export class UnreadableWorkbook extends Error {
  override readonly name = 'UnreadableWorkbook';
}

const MS_PER_SECOND = 1_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * A typed date cell as the contract's text. Excel keeps wall-clock time without a zone, and the
 * contract reads a timestamp without one as Asia/Jakarta, so none is added; the period column
 * keeps the month. Excel stores time as a fraction of a day: read to the nearest second.
 */
function dateText(date: Date, column: string | undefined): string {
  const d = new Date(Math.round(date.getTime() / MS_PER_SECOND) * MS_PER_SECOND);
  const month = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`;
  if (column === 'period') return month;
  return `${month}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A cell's value as text: numbers in full precision, booleans as true/false, formulas by result. */
function cellText(value: ExcelJS.CellValue | undefined, column: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value, column);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, column);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue, column);
  return '';
}

function rowCells(values: ExcelJS.CellValue[], header: readonly string[] | undefined): string[] {
  // row.values is 1-based (index 0 is empty); trailing empty cells are not cells of the row.
  const cells: string[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i], header?.[i - 1]));
  while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
  return cells;
}

/** The sheet id of the workbook's first tab (exceljs keeps the parsed workbook.xml on `model`). */
function firstSheetId(reader: ExcelJS.stream.xlsx.WorkbookReader): number | undefined {
  return (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets?.[0]?.id;
}

/**
 * Fails a step as soon as the body fails: exceljs pipes the body into its unzipper, which never
 * hears of the failure and would wait forever. Each step listens only while it runs (a race
 * against one long-lived promise would keep every step's result, every row, alive).
 */
class BodyFailure {
  private error: unknown;
  private readonly waiting = new Set<(error: unknown) => void>();

  constructor(input: Readable) {
    input.on('error', (error) => {
      this.error ??= error;
      for (const reject of this.waiting) reject(error);
    });
  }

  race<T>(step: Promise<T>): Promise<T> {
    if (this.error !== undefined) return Promise.reject(this.error);
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      step.then(resolve, reject).finally(() => this.waiting.delete(reject));
    });
  }
}

/** A row longer than a record may be is kept as a CSV record would be: length and first text. */
function sized(record: CellsRecord): CellsRecord | OversizedRecord {
  let length = 0;
  for (const cell of record.cells) length += cell.length + 1;
  return length > MAX_RECORD_CHARS
    ? oversizedRecord(record.line, length, record.cells.join(','))
    : record;
}

/**
 * The non-blank rows of the first sheet, in order; the first is the header. Cells are text as a
 * CSV would hold them; typed dates become ISO text (the period column `YYYY-MM`).
 */
export async function* readXlsxRecords(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<CellsRecord | OversizedRecord> {
  const input = Readable.from(body);
  const failure = new BodyFailure(input);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell dates from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await failure.race(
        sheets.next().catch((error: unknown) => {
          throw new UnreadableWorkbook(
            `not a readable XLSX workbook (${(error as Error).message})`,
          );
        }),
      );
      if (next.done) throw new UnreadableWorkbook('the workbook has no sheet');
      const sheet = next.value;
      const first = firstSheetId(reader);
      if (first !== undefined && (sheet as unknown as { id: number }).id !== first) continue;
      let header: string[] | undefined;
      const rows = sheet[Symbol.asyncIterator]();
      for (;;) {
        const row = await failure.race(rows.next());
        if (row.done) return;
        const cells = rowCells(row.value.values as ExcelJS.CellValue[], header);
        if (cells.length === 0) continue;
        header ??= cells.map((name) => name.trim());
        yield sized({ line: row.value.number, cells });
      }
    }
  } finally {
    input.destroy();
    // Not awaited: after a failed body the reader never finishes the step it is in.
    void sheets.return(undefined).catch(() => undefined);
  }
}

/** A ZIP file (an XLSX is one) starts with a local file header: `PK\x03\x04`. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
export const ZIP_MAGIC_BYTES = ZIP_MAGIC.length;

/** Whether bytes start as a ZIP file does, whatever its name or content type said. */
export function looksLikeZip(head: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => head[i] === byte);
}
