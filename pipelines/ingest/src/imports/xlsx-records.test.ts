import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS } from './record-limit';
import { looksLikeZip, readXlsxRecords } from './xlsx-records';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Laporan');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe('readXlsxRecords', () => {
  it('gives text cells with sheet row numbers, skipping blank rows and trailing empty cells', async () => {
    const bytes = await workbook([
      ['report_id', 'people_rkdd_active', 'econ_online_sales_idr', 'notes'],
      ['r-1', true, 1234567.25, null],
      [],
      ['r-2', 'ya', null, { richText: [{ text: 'dua ' }, { text: 'bagian' }] }],
    ]);
    expect(looksLikeZip(bytes)).toBe(true);
    expect(await collect(readXlsxRecords(pieces(bytes, 4096)))).toEqual([
      { line: 1, cells: ['report_id', 'people_rkdd_active', 'econ_online_sales_idr', 'notes'] },
      { line: 2, cells: ['r-1', 'true', '1234567.25'] },
      { line: 4, cells: ['r-2', 'ya', '', 'dua bagian'] },
    ]);
  });

  it('keeps a row longer than a record may be as an oversized record', async () => {
    const long = 'x'.repeat(30_000);
    const cells = Array.from({ length: 40 }, () => long);
    const [, row] = await collect(
      readXlsxRecords(pieces(await workbook([['notes'], cells]), 65_536)),
    );
    expect(row).toMatchObject({ line: 2, oversized: { length: 40 * 30_001 } });
    expect(40 * 30_001).toBeGreaterThan(MAX_RECORD_CHARS);
  });

  it("fails with the body's error when the body fails mid-way, instead of waiting forever", async () => {
    const bytes = await workbook([['report_id'], ['r-1']]);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield bytes.slice(0, 100);
      throw new Error('the file is larger than IMPORT_MAX_BYTES');
    }
    await expect(collect(readXlsxRecords(failing()))).rejects.toThrow('IMPORT_MAX_BYTES');
  });
});
