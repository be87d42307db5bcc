// Streams NDJSON: one record per non-blank line, with its line number; parsing is the worker's.
import { decodeText } from './text-lines';

export interface TextRecord {
  line: number;
  text: string;
}

export async function* readNdjsonRecords(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<TextRecord> {
  let rest = '';
  let line = 0;
  for await (const text of decodeText(body)) {
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    for (const raw of lines) {
      line++;
      const trimmed = raw.trim();
      if (trimmed !== '') yield { line, text: trimmed };
    }
  }
  line++;
  if (rest.trim() !== '') yield { line, text: rest.trim() };
}
