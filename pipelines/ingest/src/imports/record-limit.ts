// How long one record (a CSV record or an NDJSON line) may be: a report is a few hundred bytes;
// a record of megabytes is a mistake or an attack, rejected on its own while the import goes on.

export const MAX_RECORD_CHARS = 1_048_576;

/** Characters of an oversized record kept, to show which record it was. */
const HEAD_CHARS = 100;

/** What an import keeps of an oversized record: its length and first characters. */
export interface OversizedRecord {
  line: number;
  oversized: { length: number; head: string };
}

export function oversizedRecord(line: number, length: number, head: string): OversizedRecord {
  return { line, oversized: { length, head: head.slice(0, HEAD_CHARS) } };
}

/**
 * Collects the text of one record piece by piece, in linear time, keeping at most
 * MAX_RECORD_CHARS (and the length it would have had).
 */
export class RecordText {
  private parts: string[] = [];
  private kept = 0;
  private total = 0;

  add(text: string): void {
    this.total += text.length;
    if (this.kept >= MAX_RECORD_CHARS) return;
    const room = MAX_RECORD_CHARS + 1 - this.kept; // one more than the limit marks it oversized
    const part = text.length > room ? text.slice(0, room) : text;
    if (part.length > 0) this.parts.push(part);
    this.kept += part.length;
  }

  get length(): number {
    return this.total;
  }

  get oversized(): boolean {
    return this.total > MAX_RECORD_CHARS;
  }

  /** The text so far (at most one character past the limit); resets for the next record. */
  take(): string {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.kept = 0;
    this.total = 0;
    return text;
  }
}
