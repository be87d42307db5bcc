// RFC 4180 CSV, fed piece by piece: records with the line each starts on (quoted fields may span
// lines). CsvParser splits cells; CsvRecordSplitter only finds where records are, much cheaper.
// Both take the delimiter of the file's dialect (`,`, or `;` as Excel set to Indonesian saves).
import { oversizedRecord, RecordText, type OversizedRecord } from './record-limit';

export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A record's raw text (no line terminator), for a worker to parse with parseCsvRecord. */
export interface RawCsvRecord {
  line: number;
  csv: string;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const WHITESPACE = /\s/;

/** A record that is one empty cell (a blank line) carries nothing and is skipped. */
function isBlank(cells: string[]): boolean {
  return cells.length === 1 && cells[0]!.trim() === '';
}

export class CsvParser {
  private readonly delimiter: number;
  private cells: string[] = [];
  private cell = '';
  private inQuotes = false;
  private quoteSeen = false; // a quote inside quotes: either an escaped "" or the closing one
  private line = 1;
  private recordLine = 1;
  private pendingCr = false;

  constructor(delimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let start = 0; // start of the plain run of characters not yet copied into `cell`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === QUOTE) {
            this.cell += '"';
            start = i + 1;
            continue;
          }
          this.inQuotes = false; // the previous quote closed the field; fall through
        } else if (c === QUOTE) {
          this.cell += text.slice(start, i);
          this.quoteSeen = true;
          start = i + 1;
          continue;
        } else {
          if (c === LF) this.line++;
          continue;
        }
      }
      if (c === QUOTE && this.cell === '' && start === i) {
        this.inQuotes = true;
        start = i + 1;
      } else if (c === this.delimiter) {
        this.cells.push(this.cell + text.slice(start, i));
        this.cell = '';
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.cell += text.slice(start, i);
        this.endRecord(records);
        this.line++;
        this.recordLine = this.line;
        this.pendingCr = c === CR;
        start = i + 1;
      }
    }
    this.cell += text.slice(start);
    return records;
  }

  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    if (this.cell !== '' || this.cells.length > 0) this.endRecord(records);
    return records;
  }

  private endRecord(records: CsvRecord[]): void {
    this.cells.push(this.cell);
    if (!isBlank(this.cells)) records.push({ line: this.recordLine, cells: this.cells });
    this.cells = [];
    this.cell = '';
  }
}

/** The cells of one record's raw text. */
export function parseCsvRecord(csv: string, delimiter = ','): string[] {
  const parser = new CsvParser(delimiter);
  const [record] = [...parser.push(csv), ...parser.end()];
  return record?.cells ?? [''];
}

/**
 * Finds records and their lines exactly as CsvParser does (the same quotes, line breaks and
 * blank lines) without splitting cells: the API only needs to cut an import into chunks.
 */
export class CsvRecordSplitter {
  private readonly delimiter: number;
  private readonly record = new RecordText(); // raw text of the current record from earlier pieces
  private inQuotes = false;
  private quoteSeen = false;
  private fieldStart = true;
  private blank = true;
  private line = 1;
  private recordLine = 1;
  private pendingCr = false;

  constructor(delimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string): (RawCsvRecord | OversizedRecord)[] {
    const records: (RawCsvRecord | OversizedRecord)[] = [];
    let start = 0; // start of the current record within `text`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === QUOTE) {
            this.blank = false; // an escaped quote is content
            continue;
          }
          this.inQuotes = false; // fall through: the character after the closing quote
        } else {
          if (c === QUOTE) this.quoteSeen = true;
          else {
            if (c === LF) this.line++;
            if (this.blank && !WHITESPACE.test(text[i]!)) this.blank = false;
          }
          continue;
        }
      }
      if (c === QUOTE && this.fieldStart) {
        this.inQuotes = true;
        this.fieldStart = false;
      } else if (c === this.delimiter) {
        this.blank = false;
        this.fieldStart = true;
      } else if (c === LF || c === CR) {
        this.record.add(text.slice(start, i));
        this.endRecord(records);
        this.line++;
        this.recordLine = this.line;
        this.pendingCr = c === CR;
        start = i + 1;
      } else {
        this.fieldStart = false;
        if (this.blank && !WHITESPACE.test(text[i]!)) this.blank = false;
      }
    }
    this.record.add(text.slice(start));
    return records;
  }

  end(): (RawCsvRecord | OversizedRecord)[] {
    const records: (RawCsvRecord | OversizedRecord)[] = [];
    if (this.record.length > 0) this.endRecord(records);
    return records;
  }

  private endRecord(records: (RawCsvRecord | OversizedRecord)[]): void {
    const length = this.record.length;
    const oversized = this.record.oversized;
    const csv = this.record.take();
    if (oversized) records.push(oversizedRecord(this.recordLine, length, csv));
    else if (!this.blank) records.push({ line: this.recordLine, csv });
    this.inQuotes = false;
    this.quoteSeen = false;
    this.fieldStart = true;
    this.blank = true;
  }
}
