// Streams NDJSON: one record per non-blank line, with its line number; parsing is the worker's.
// Lines are found with indexOf and joined once, so a line spread over many pieces costs linear
// time; a line over MAX_RECORD_CHARS becomes an oversized record.
import { oversizedRecord, RecordText, type OversizedRecord } from './record-limit';
import { decodeText } from './text-lines';

export interface TextRecord {
  line: number;
  text: string;
}

function record(line: number, current: RecordText): TextRecord | OversizedRecord | null {
  const length = current.length;
  const oversized = current.oversized;
  const text = current.take();
  if (oversized) return oversizedRecord(line, length, text.trimStart());
  const trimmed = text.trim();
  return trimmed === '' ? null : { line, text: trimmed };
}

export async function* readNdjsonRecords(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<TextRecord | OversizedRecord> {
  const current = new RecordText();
  let line = 0;
  for await (const text of decodeText(body)) {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      current.add(text.slice(start, end));
      line++;
      const found = record(line, current);
      if (found) yield found;
      start = end + 1;
    }
    current.add(text.slice(start));
  }
  line++;
  const last = record(line, current);
  if (last) yield last;
}
