import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDICATORS } from '@pantau/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUNGKAI, openReadFixture } from '../testing/read.fixture';
import { validSubmission } from '../testing/submissions.fixture';
import { applySubmissions } from '../writes/apply-submissions';
import type { Warehouse } from '../warehouse';
import {
  exportAreaScores,
  exportReports,
  REPORT_EXPORT_COLUMNS,
  SCORE_EXPORT_COLUMNS,
  streamAreaScores,
  streamReports,
  type ExportRow,
} from './export.queries';

async function collect(chunks: AsyncIterable<ExportRow[]>): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for await (const chunk of chunks) rows.push(...chunk);
  return rows;
}

let warehouse: Warehouse;
let dir: string;

beforeAll(async () => {
  warehouse = await openReadFixture();
  dir = mkdtempSync(join(tmpdir(), 'pantau-export-test-'));
});

afterAll(async () => {
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

function csvLines(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

describe('exportAreaScores', () => {
  it('writes every area of the level, in code order, with the stage', async () => {
    const path = join(dir, 'districts.csv');
    const written = await exportAreaScores(
      warehouse.db,
      { level: 'district', parent: '15.02', periods: { from: '2023-03', to: '2023-03' } },
      { path, format: 'csv' },
    );
    const [header, ...rows] = csvLines(path);
    expect(header).toEqual([...SCORE_EXPORT_COLUMNS]);
    expect(written).toBe(24);
    expect(rows).toHaveLength(24);
    const bangko = rows.find((r) => r[0] === '15.02.02');
    expect(bangko).toEqual([
      '15.02.02',
      'Bangko',
      'district',
      '2023-03',
      '70.0',
      '3',
      '100.0',
      '40.0',
      '',
      '',
      '',
      '100.0',
      '2',
      '2',
    ]);
    const quiet = rows.find((r) => r[0] === '15.02.01');
    expect(quiet?.slice(4, 6)).toEqual(['', '']);
  });

  it('writes Parquet that DuckDB reads back', async () => {
    const path = join(dir, 'regions.parquet');
    await exportAreaScores(
      warehouse.db,
      { level: 'region', parent: null, periods: { from: '2023-03', to: '2023-03' } },
      { path, format: 'parquet' },
    );
    const { rows } = await sql<{ code: string; dci: number; stage: number }>`
      SELECT code, dci, stage FROM read_parquet(${path}) ORDER BY code`.execute(warehouse.db);
    expect(rows).toEqual([
      { code: 'JKT', dci: 47.5, stage: 2 },
      { code: 'MKS', dci: 100 / 3, stage: 1 },
      { code: 'SBY', dci: 90, stage: 4 },
    ]);
  });
});

describe('several periods in one export', () => {
  it('gives each period its rows, by period then code, from DuckDB and streamed alike', async () => {
    const query = {
      level: 'regency' as const,
      parent: '15',
      periods: { from: '2023-02', to: '2023-03' },
    };
    const path = join(dir, 'two-months.csv');
    const written = await exportAreaScores(warehouse.db, query, { path, format: 'csv' });
    const [, ...lines] = csvLines(path);
    const streamed = await collect(streamAreaScores(warehouse.db, query));
    expect(streamed).toHaveLength(written);
    expect(streamed.map((r) => [r.period, r.code])).toEqual(
      lines.map((cells) => [cells[3], cells[0]]),
    );
    const periods = streamed.map((r) => r.period);
    expect(periods[0]).toBe('2023-02');
    expect(periods.at(-1)).toBe('2023-03');
    expect(written % 2).toBe(0); // every regency once per month
  });
});

describe('exportReports', () => {
  it('writes the raw reports of a scope with every indicator column', async () => {
    const path = join(dir, 'raw.csv');
    const written = await exportReports(
      warehouse.db,
      { parent: '15.02.02', periods: { from: '2023-03', to: '2023-03' } },
      { path, format: 'csv' },
    );
    expect(written).toBe(2);
    const [header, first] = csvLines(path);
    for (const indicator of INDICATORS) expect(header).toContain(indicator.code);
    expect(first?.[0]).toBe(KUNGKAI);
    expect(first?.[header!.indexOf('gov_online_letters_pct')]).toBe('60.0');
  });
});

describe('a CSV export', () => {
  const hostile = {
    report_id: '+1+cmd|calc',
    cadre_id: '@SUM(A1)',
    notes: '=HYPERLINK("http://evil.example","click")',
  };

  beforeAll(async () => {
    const submission = validSubmission({
      source_id: 'import-hostile',
      report_id: hostile.report_id,
      village_code: KUNGKAI,
      period: '2023-04',
      submitted_at: '2023-04-27T09:00:00+07:00',
      indicators: { gov_online_letters_pct: 10 },
    });
    if (!submission.valid) throw new Error('the fixture is valid');
    submission.report = { ...submission.report, cadre_id: hostile.cadre_id, notes: hostile.notes };
    await warehouse.write((tx) => applySubmissions(tx, [submission]));
  });

  it('puts an apostrophe before text cells a spreadsheet would run as formulas', async () => {
    const path = join(dir, 'hostile.csv');
    await exportReports(
      warehouse.db,
      { parent: KUNGKAI, periods: { from: '2023-04', to: '2023-04' } },
      { path, format: 'csv' },
    );
    const { rows } = await sql<{ report_id: string; cadre_id: string; notes: string }>`
      SELECT report_id, cadre_id, notes FROM read_csv(${path}, all_varchar = true)`.execute(
      warehouse.db,
    );
    expect(rows).toEqual([
      {
        report_id: `'${hostile.report_id}`,
        cadre_id: `'${hostile.cadre_id}`,
        notes: `'${hostile.notes}`,
      },
    ]);
  });

  it('streams the rows for a workbook neutralised like CSV, every column in file order', async () => {
    const rows = await collect(
      streamReports(warehouse.db, {
        parent: KUNGKAI,
        periods: { from: '2023-04', to: '2023-04' },
      }),
    );
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual([...REPORT_EXPORT_COLUMNS]);
    expect(rows[0]).toMatchObject({
      report_id: `'${hostile.report_id}`,
      cadre_id: `'${hostile.cadre_id}`,
      notes: `'${hostile.notes}`,
      gov_online_letters_pct: 10,
    });
  });

  it('keeps the values as sent in Parquet', async () => {
    const path = join(dir, 'hostile.parquet');
    await exportReports(
      warehouse.db,
      { parent: KUNGKAI, periods: { from: '2023-04', to: '2023-04' } },
      { path, format: 'parquet' },
    );
    const { rows } = await sql<{ report_id: string; cadre_id: string; notes: string }>`
      SELECT report_id, cadre_id, notes FROM read_parquet(${path})`.execute(warehouse.db);
    expect(rows).toEqual([hostile]);
  });
});
