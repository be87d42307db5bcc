import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '@pantau/domain';
import { bearer, getJson, KUNGKAI, tokenFor } from '../testing/read-fixture';
import { TEST_ADMIN_TOKEN } from '../testing/test-app';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const admin = bearer(TEST_ADMIN_TOKEN);

/** A small CSV reader for DuckDB's output: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  const [header, ...data] = rows;
  return data.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}

const num = (cell: string | undefined) => (cell === '' || cell === undefined ? null : Number(cell));

describe('GET /export', () => {
  it('streams the /scores rows as CSV that parses back to the same numbers', async () => {
    const query = 'level=regency&parent=15&period=2023-03';
    const res = await read.t.app.request(`/api/v1/export?${query}`, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="pantau-scores-regency-15-2023-03.csv"',
    );
    const rows = parseCsv(await res.text());
    const { body: scores } = await getJson(read.t.app, `/scores?${query}`, admin);
    expect(rows).toHaveLength(scores.rows.length);
    expect(res.headers.get('x-row-count')).toBe(String(scores.rows.length));
    rows.forEach((row, i) => {
      const expected = scores.rows[i];
      expect(row.code).toBe(expected.code);
      expect(row.name).toBe(expected.name);
      expect(row.period).toBe('2023-03');
      expect(num(row.dci)).toBe(expected.dci);
      expect(num(row.stage)).toBe(expected.stage);
      for (const pillar of Object.keys(expected.pillars)) {
        expect(num(row[pillar])).toBe(expected.pillars[pillar]);
      }
      expect(num(row.villages_reporting)).toBe(expected.villages_reporting);
      expect(num(row.villages_expected)).toBe(expected.villages_expected);
    });
    expect(rows.find((r) => r.code === '15.02')?.dci).toBe(String((80 + 60 + 50) / 3));
  });

  it('streams the raw reports with every indicator column', async () => {
    const res = await read.t.app.request(
      '/api/v1/export?raw=true&parent=15.02.02&period=2023-03',
      admin,
    );
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    expect(rows.map((r) => r.village_code)).toEqual([KUNGKAI, '15.02.02.2024']);
    for (const indicator of INDICATORS) expect(rows[0]).toHaveProperty(indicator.code);
    expect(rows[0]).toMatchObject({
      village_name: 'Kungkai',
      gov_online_letters_pct: '60.0',
      people_rkdd_active: 'true',
      mob_signal_level: '',
      dci: '80.0',
      on_time: 'true',
    });
  });

  it('writes Parquet', async () => {
    const res = await read.t.app.request(
      '/api/v1/export?level=district&parent=15.02&period=2023-03&format=parquet',
      admin,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const magic = new TextDecoder().decode(bytes.slice(0, 4));
    expect(magic).toBe('PAR1');
    expect(new TextDecoder().decode(bytes.slice(-4))).toBe('PAR1');
    expect(res.headers.get('x-row-count')).toBe('24');
  });

  it('needs a level unless raw, and keeps a lead inside its scope', async () => {
    const missing = await getJson(read.t.app, '/export?parent=15', admin);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('level');
    expect((await getJson(read.t.app, '/export?format=xls&level=province', admin)).status).toBe(
      400,
    );
    const both = await getJson(
      read.t.app,
      '/export?level=province&period=2023-03&from=2023-02&to=2023-03',
      admin,
    );
    expect(both.status).toBe(400);
    expect(both.body.error.details[0].field).toBe('period');
    const lead = bearer(await tokenFor(read.t.warehouse, 'lead', '15.02'));
    const allowed = await read.t.app.request('/api/v1/export?raw=true&parent=15.02', lead);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
    expect((await getJson(read.t.app, '/export?raw=true', lead)).status).toBe(403);
  });
});

/** Reads a workbook back with exceljs (not Pantau's writer). */
async function workbookOf(res: Response): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  expect(book.worksheets).toHaveLength(1);
  return book.worksheets[0]!;
}

describe('GET /export?format=xlsx', () => {
  it("writes typed cells under a frozen header in the reader's language, several months in one sheet", async () => {
    const res = await read.t.app.request(
      '/api/v1/export?level=regency&parent=15&from=2023-02&to=2023-03&format=xlsx&lang=en',
      admin,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="pantau-scores-regency-15-2023-02_2023-03.xlsx"',
    );
    const count = Number(res.headers.get('x-row-count'));
    const sheet = await workbookOf(res);
    expect(sheet.name).toBe('Scores');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual([
      'Code',
      'Area name',
      'Level',
      'Period',
      'Desa Cerdas Index',
      'Stage',
      'Smart People (score)',
      'Smart Government (score)',
      'Smart Economy (score)',
      'Smart Environment (score)',
      'Smart Living (score)',
      'Smart Mobility (score)',
      'Villages reporting',
      'Villages expected',
    ]);
    expect(header.font?.bold).toBe(true);
    expect(sheet.getColumn(2).width).toBe(28);
    expect(sheet.rowCount).toBe(count + 1);

    const { body: scores } = await getJson(
      read.t.app,
      '/scores?level=regency&parent=15&period=2023-03',
      admin,
    );
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(`${row.getCell(4).value}/${row.getCell(1).value}`, row);
    });
    expect(rows.size).toBe(count);
    expect(count).toBe(2 * scores.rows.length);
    for (const expected of scores.rows) {
      const row = rows.get(`2023-03/${expected.code}`)!;
      expect(row.getCell(2).value).toBe(expected.name);
      expect(row.getCell(5).value).toBe(expected.dci);
      expect(row.getCell(6).value).toBe(expected.stage);
      expect(row.getCell(13).value).toBe(expected.villages_reporting);
    }
    // Full precision kept in the cell, one decimal shown.
    const merangin = rows.get('2023-03/15.02')!;
    expect(merangin.getCell(5).value).toBe((80 + 60 + 50) / 3);
    expect(merangin.getCell(5).numFmt).toBe('0.0');
    expect(merangin.getCell(6).numFmt).toBe('0');
  });

  it('says the header in Indonesian by default and keeps raw report cells typed', async () => {
    const res = await read.t.app.request(
      '/api/v1/export?raw=true&parent=15.02.02&period=2023-03&format=xlsx',
      admin,
    );
    expect(res.status).toBe(200);
    const sheet = await workbookOf(res);
    expect(sheet.name).toBe('Laporan');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Kode desa', 'Nama desa', 'Kode kecamatan']);
    const rkdd = header.indexOf('RKDD aktif') + 1;
    const letters = header.indexOf('Surat layanan daring') + 1;
    expect(rkdd).toBeGreaterThan(0);
    expect(sheet.getRow(2).getCell(1).value).toBe(KUNGKAI);
    expect(sheet.getRow(2).getCell(rkdd).value).toBe(true);
    expect(sheet.getRow(2).getCell(letters).value).toBe(60);

    const cadre = bearer(await tokenFor(read.t.warehouse, 'cadre', KUNGKAI));
    const refused = await getJson(read.t.app, '/export?raw=true&format=xlsx', cadre);
    expect(refused.status).toBe(403);
  });
});
