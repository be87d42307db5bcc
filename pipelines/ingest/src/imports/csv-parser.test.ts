import { describe, expect, it } from 'vitest';
import { CsvParser, CsvRecordSplitter, parseCsvRecord } from './csv-parser';
import { MAX_RECORD_CHARS } from './record-limit';

/** mulberry32: seeded, so a failing input can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'bc',
  ' ',
  '\t',
  ',',
  ',,',
  '"',
  '""',
  '"x,y"',
  '"\n"',
  '\n',
  '\r\n',
  '\r',
  '12,5',
  ';',
  '"x;y"',
  'Soka"an',
  '✓',
];

function feed<T>(target: { push(text: string): T[]; end(): T[] }, text: string, cut: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < text.length; i += cut) out.push(...target.push(text.slice(i, i + cut)));
  return [...out, ...target.end()];
}

describe('CsvRecordSplitter', () => {
  it.each([',', ';'])(
    'finds the same records on the same lines as the parser, over 10,000 random texts (delimiter %s)',
    (delimiter) => {
      const next = random(29);
      for (let n = 0; n < 10_000; n++) {
        const text = Array.from(
          { length: Math.floor(next() * 12) },
          () => PIECES[Math.floor(next() * PIECES.length)],
        ).join('');
        const cut = 1 + Math.floor(next() * 6);
        const parsed = feed(new CsvParser(delimiter), text, cut);
        const split = feed(new CsvRecordSplitter(delimiter), text, cut);
        const reparsed = split.map((r) => ({
          line: r.line,
          cells: 'csv' in r ? parseCsvRecord(r.csv, delimiter) : [],
        }));
        expect({ text, records: reparsed }).toEqual({ text, records: parsed });
      }
    },
  );

  it('keeps a record with a quoted line break whole, on the line it starts', () => {
    const split = feed(new CsvRecordSplitter(), 'h1,h2\r\n1,"two\nlines"\n\n3,x', 4);
    expect(split).toEqual([
      { line: 1, csv: 'h1,h2' },
      { line: 2, csv: '1,"two\nlines"' },
      { line: 5, csv: '3,x' },
    ]);
  });

  it('cuts a record over 1 MiB down to its length and first characters, and goes on', () => {
    const huge = `r-2,"${'x'.repeat(MAX_RECORD_CHARS)}\n, still quoted"`;
    const split = feed(new CsvRecordSplitter(), `h1,h2\n${huge}\nr-3,y\n`, 65_536);
    expect(split).toEqual([
      { line: 1, csv: 'h1,h2' },
      { line: 2, oversized: { length: huge.length, head: huge.slice(0, 100) } },
      { line: 4, csv: 'r-3,y' },
    ]);
  });
});
