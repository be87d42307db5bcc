import { describe, expect, it } from 'vitest';
import { detectCsvDialect, openRawCsvRecords, readCsvRecords } from './csv-records';
import { readNdjsonRecords } from './ndjson-records';
import { decodeText } from './text-lines';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Feeds text in pieces of `size` bytes, to cross every boundary. */
async function* pieces(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
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

  it('finds a line spread over ten thousand pieces in linear time, and cuts one over 1 MiB', async () => {
    async function* drip(): AsyncGenerator<string> {
      yield '{"a":1}\n';
      for (let i = 0; i < 10_000; i++) yield 'x'.repeat(200); // 2 MB without a line break
      yield '\n{"b":2}\n';
    }
    const records = await collect(readNdjsonRecords(drip()));
    expect(records).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, oversized: { length: 2_000_000, head: 'x'.repeat(100) } },
      { line: 3, text: '{"b":2}' },
    ]);
  });
});

describe('decodeText', () => {
  const decode = async (bytes: number[], size: number) =>
    (await collect(decodeText(pieces(Buffer.from(bytes), size)))).join('');

  it('turns each byte that is not UTF-8 into a lone surrogate, never into U+FFFD', async () => {
    for (const size of [1, 2, 3, 100]) {
      // "a", an invalid byte, "é" (2 bytes), a truncated 3-byte sequence, "€" (3 bytes), "b"
      const text = await decode(
        [0x61, 0xff, 0xc3, 0xa9, 0xe2, 0x82, 0x41, 0xe2, 0x82, 0xac, 0x62],
        size,
      );
      expect(text).toBe('a\udcffé\udce2\udc82A€b');
    }
  });

  it('keeps a genuine U+FFFD and an incomplete sequence at the very end', async () => {
    expect(await decode([0xef, 0xbf, 0xbd, 0xf0, 0x9f], 2)).toBe('\ufffd\udcf0\udc9f');
  });

  it('rejects overlong encodings and encoded surrogates', async () => {
    expect(await decode([0xc0, 0xaf, 0xed, 0xa0, 0x80], 10)).toBe('\udcc0\udcaf\udced\udca0\udc80');
  });
});

describe('openRawCsvRecords', () => {
  it.each([1, 3, 1024])(
    'learns the semicolon dialect from the header and splits by it (pieces of %i bytes)',
    async (size) => {
      const text = '\uFEFFreport_id;notes\r\nr-1;"a;\nb"\r\nr-2;12,5\r\n';
      const { dialect, records } = await openRawCsvRecords(pieces(text, size));
      expect(dialect).toBe('semicolon');
      expect(await collect(records)).toEqual([
        { line: 1, csv: 'report_id;notes' },
        { line: 2, csv: 'r-1;"a;\nb"' },
        { line: 4, csv: 'r-2;12,5' },
      ]);
    },
  );

  it('keeps the comma dialect for the contract header, whatever its cells hold', async () => {
    const { dialect } = await openRawCsvRecords(pieces('report_id,notes\nr-1,"a;b;c"\n', 4));
    expect(dialect).toBe('comma');
    expect(detectCsvDialect('report_id;village_code;notes')).toBe('semicolon');
    expect(detectCsvDialect('')).toBe('comma');
  });
});
