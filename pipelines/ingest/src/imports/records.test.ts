import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-records';
import { readNdjsonRecords } from './ndjson-records';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Feeds text in pieces of `size` bytes, to cross every boundary. */
async function* pieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

const CSV =
  '\uFEFFreport_id,village_code,notes\r\n' +
  'r-1,15.02.02.2004,"says ""hi"", twice"\r\n' +
  '\r\n' +
  'r-2,15.02.02.2024,"two\nlines"\n' +
  'r-3,15.02.06.2026,Soka"an\n' +
  'r-4,15.02.06.2026,';

describe('readCsvRecords', () => {
  it.each([1, 2, 3, 7, 1024])(
    'reads quoted fields, CRLF and the starting line (pieces of %i bytes)',
    async (size) => {
      expect(await collect(readCsvRecords(pieces(CSV, size)))).toEqual([
        { line: 1, cells: ['report_id', 'village_code', 'notes'] },
        { line: 2, cells: ['r-1', '15.02.02.2004', 'says "hi", twice'] },
        { line: 4, cells: ['r-2', '15.02.02.2024', 'two\nlines'] },
        { line: 6, cells: ['r-3', '15.02.06.2026', 'Soka"an'] },
        { line: 7, cells: ['r-4', '15.02.06.2026', ''] },
      ]);
    },
  );

  it('keeps multi-byte characters split across pieces', async () => {
    const records = await collect(readCsvRecords(pieces('a,b\nDesa Ujung,Pulau Bintang ✓\n', 1)));
    expect(records[1]?.cells).toEqual(['Desa Ujung', 'Pulau Bintang ✓']);
  });
});

describe('readNdjsonRecords', () => {
  it('yields each non-blank line with its number', async () => {
    const text = '{"a":1}\n\n  {"b":2}  \r\n{"c":3}';
    expect(await collect(readNdjsonRecords(pieces(text, 3)))).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 4, text: '{"c":3}' },
    ]);
  });
});
