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
    expect((await getJson(read.t.app, '/export?format=xlsx&level=province', admin)).status).toBe(
      400,
    );
    const lead = bearer(await tokenFor(read.t.warehouse, 'lead', '15.02'));
    const allowed = await read.t.app.request('/api/v1/export?raw=true&parent=15.02', lead);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
    expect((await getJson(read.t.app, '/export?raw=true', lead)).status).toBe(403);
  });
});
