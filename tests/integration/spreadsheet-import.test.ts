// Imports of what spreadsheets make: an XLSX workbook written by exceljs, and the CSV that Excel
// set to Indonesian saves (`;` between cells, decimal commas), through the real API and pipeline.
import { readFile } from 'node:fs/promises';
import { CSV_REPORT_COLUMNS } from '@pantau/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

const KUNGKAI = '15.02.02.2004';
const SUNGAI_UDANG = '15.02.06.2026';
const BUNGO_ANTOI = '15.02.08.2002';
const MENTAWAK = '15.02.11.2006';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p.stop();
});

function storedReport(reportId: string) {
  return p.warehouse.db
    .selectFrom('reports')
    .select([
      'village_code',
      'period',
      'submitted_at',
      'notes',
      'people_digital_literacy_pct',
      'people_rkdd_active',
      'econ_online_sales_idr',
      'gov_online_letters_pct',
      'mob_signal_level',
    ])
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
}

/** A workbook as a person makes it: typed numbers, booleans and dates, a blank row, a 2nd sheet. */
async function workbook(): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Laporan');
  sheet.addRow([
    ...CSV_REPORT_COLUMNS,
    'people_digital_literacy_pct',
    'people_rkdd_active',
    'econ_online_sales_idr',
    'mob_signal_level',
  ]);
  const filed = new Date(Date.UTC(2023, 2, 27, 9, 15, 0)); // wall clock 2023-03-27 09:15, Jakarta
  sheet.addRow([
    'x-1',
    'KD-15.02.02.2004',
    KUNGKAI,
    '2023-03',
    filed,
    'rapat, "pelatihan"',
    12.5,
    true,
    1_500_000,
    3,
  ]);
  sheet.getCell('E2').numFmt = 'yyyy-mm-dd hh:mm:ss';
  sheet.addRow([]); // row 3: blank, skipped
  sheet.addRow([
    'x-2',
    null,
    SUNGAI_UDANG,
    new Date(Date.UTC(2023, 2, 1)), // the period as a date cell
    '2023-03-28T10:00:00',
    null,
    7.123456789012345,
    'tidak',
    null,
    { formula: '1+1', result: 2 },
  ]);
  sheet.getCell('D4').numFmt = 'mmm yyyy';
  sheet.addRow(['x-3', null, BUNGO_ANTOI, '2023-03', '2023-03-28T10:00:00', null, 'dua belas']);
  sheet.addRow(['x-4', null, MENTAWAK, '2023-03', '2023-03-29T08:00:00', null, 101]);
  book.addWorksheet('Catatan').addRow(['not', 'read']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('an XLSX import', () => {
  it('reads the first sheet with typed cells and gives the exact summary by sheet row', async () => {
    const summary = await p.importFile(await workbook(), XLSX, '?filename=laporan.xlsx');
    expect(summary).toMatchObject({
      format: 'xlsx',
      dialect: null,
      status: 'completed',
      rows: 4,
      imported: 2,
      updated: 0,
      ignored: 0,
      rejected: 2,
    });
    expect(summary.errors.map((e) => [e.line, e.report_id, e.field, e.value, e.message])).toEqual([
      [5, 'x-3', 'people_digital_literacy_pct', 'dua belas', 'must be a number'],
      [6, 'x-4', 'people_digital_literacy_pct', 101, expect.stringContaining('100')],
    ]);
    const first = await storedReport('x-1');
    expect(first).toMatchObject({
      village_code: KUNGKAI,
      period: '2023-03',
      notes: 'rapat, "pelatihan"',
      people_digital_literacy_pct: 12.5,
      people_rkdd_active: true,
      econ_online_sales_idr: 1_500_000,
      mob_signal_level: 3,
    });
    // No zone in a spreadsheet: the contract reads the wall clock as Asia/Jakarta.
    expect(new Date(first.submitted_at).toISOString()).toBe('2023-03-27T02:15:00.000Z');
    expect(await storedReport('x-2')).toMatchObject({
      period: '2023-03',
      people_digital_literacy_pct: 7.123456789012345,
      people_rkdd_active: false,
      mob_signal_level: 2,
    });
  });

  it('reads a workbook sent as text/csv by its content', async () => {
    const summary = await p.importFile(await workbook(), 'text/csv', '?dry_run=true');
    expect(summary).toMatchObject({ format: 'xlsx', rows: 4, ignored: 2, rejected: 2 });
  });

  it('refuses a body that is a ZIP but not a workbook, saying so', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(60).fill(0)]);
    const res = await p.call('POST', '/api/v1/imports', zip, { 'content-type': XLSX });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unreadable_file');
    expect(body.error.message).toMatch(/XLSX workbook/);
  });
});

describe('a CSV saved by Excel set to Indonesian', () => {
  it('is read with `;` and decimal commas, and the summary names the dialect', async () => {
    const file = await readFile(new URL('./fixtures/excel-indonesia.csv', import.meta.url));
    const summary = await p.importFile(new Uint8Array(file), 'text/csv');
    expect(summary).toMatchObject({
      format: 'csv',
      dialect: 'semicolon',
      status: 'completed',
      rows: 4,
      imported: 3,
      updated: 0,
      ignored: 0,
      rejected: 1,
    });
    expect(summary.errors).toEqual([
      {
        line: 4,
        report_id: 'id-3',
        field: 'people_digital_literacy_pct',
        value: '1.234',
        message: 'the decimal mark of this file is a comma, write 1,234 (no thousands separators)',
      },
    ]);
    expect(await storedReport('id-1')).toMatchObject({
      notes: 'Rapat desa; pelatihan "literasi"',
      people_digital_literacy_pct: 12.5,
      people_rkdd_active: true,
      econ_online_sales_idr: 1_500_000,
      gov_online_letters_pct: 40,
    });
    expect(await storedReport('id-2')).toMatchObject({
      people_digital_literacy_pct: 7.25,
      gov_online_letters_pct: 55.5,
    });
  });
});
