// The lake as an outside reader sees it: the real API (LAKE=on) publishes after its loads, and a
// fresh DuckDB reading only the manifest's files gets the scores the API answers.
import { startApiProcess, type ApiProcess } from '@pantau/api/process';
import { DuckDBInstance } from '@duckdb/node-api';
import { startWorkerProcess, type WorkerProcess } from '@pantau/ingest/process';
import { duckdbSnippet, readManifest, type LakeManifest, type LakeTable } from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { faultPlace, waitForImport } from './support/fault-import';

const TOKEN = 'lake-test-admin-token-0000000';
const TEST_MS = 120_000;
const MONTHS = ['2024-01', '2024-02'];
/** Every 28th village: some 3,000, spread over every province. */
const STRIDE = 28;

const place = faultPlace('lake');
const lakeDir = join(place.dataDir, 'lake');
let api: ApiProcess;
let worker: WorkerProcess;

beforeAll(async () => {
  api = await startApiProcess({
    ...place.env,
    ADMIN_TOKEN: TOKEN,
    LAKE: 'on',
    LAKE_INTERVAL_S: '1',
  });
  worker = await startWorkerProcess(place.env);
}, TEST_MS);

afterAll(async () => {
  await api?.stop();
  await worker?.stop();
  await place.remove();
});

const villages = [...readVillageCodes()].sort().filter((_, i) => i % STRIDE === 0);
const REPORTS = villages.length * MONTHS.length;
const CORRECTIONS = 100;

async function importRows(rows: string[]): Promise<void> {
  const body = ['report_id,village_code,period,submitted_at,gov_online_letters_pct', ...rows];
  const posted = await fetch(`${api.url}/api/v1/imports?filename=lake.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    body: `${body.join('\n')}\n`,
  });
  expect(posted.status).toBe(202);
  const { import_id } = (await posted.json()) as { import_id: string };
  expect(await waitForImport(api.url, TOKEN, import_id, TEST_MS)).toMatchObject({
    status: 'completed',
  });
}

const rowsOf = (manifest: LakeManifest, table: LakeTable) =>
  manifest.tables[table].partitions.reduce((sum, p) => sum + p.rows, 0);

/** Waits for a published version that `holds`. */
async function waitForLake(
  holds: (manifest: LakeManifest) => boolean,
  what: string,
): Promise<LakeManifest> {
  const deadline = Date.now() + TEST_MS;
  for (;;) {
    const manifest = await readManifest(lakeDir);
    if (manifest && holds(manifest)) return manifest;
    if (Date.now() > deadline) throw new Error(`no lake version with ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ScoreRow {
  code: string;
  dci: number | null;
  villages_reporting: number;
}

/** The API's /scores rows with reports, rounded as compared. */
async function apiScores(query: string): Promise<ScoreRow[]> {
  const res = await fetch(`${api.url}/api/v1/scores?${query}&limit=1000`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(200);
  const { rows } = (await res.json()) as { rows: ScoreRow[] };
  return rows
    .filter((r) => r.villages_reporting > 0)
    .map(({ code, dci, villages_reporting }) => ({ code, dci, villages_reporting }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The same rows as a fresh DuckDB reads them from the version's files (the snippet's views). */
async function lakeScores(manifest: LakeManifest, where: string): Promise<ScoreRow[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(duckdbSnippet(manifest, lakeDir));
    const reader = await connection.runAndReadAll(
      `SELECT code, dci, villages_reporting FROM area_scores WHERE ${where} ORDER BY code`,
    );
    return reader.getRowObjectsJson() as unknown as ScoreRow[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const close = (rows: ScoreRow[]) =>
  rows.map((r) => ({ ...r, dci: r.dci === null ? null : expect.closeTo(r.dci, 9) }));

it(
  'publishes after loads, and a fresh DuckDB reads the scores the API answers',
  { timeout: TEST_MS * 2 },
  async () => {
    await importRows(
      MONTHS.flatMap((period, m) =>
        villages.map(
          (code, i) => `r-${m}-${i},${code},${period},${period}-25T10:00:00,${(i * 7 + m) % 101}`,
        ),
      ),
    );
    const first = await waitForLake((m) => rowsOf(m, 'reports') === REPORTS, 'every report');

    for (const period of MONTHS) {
      const provinces = await apiScores(`level=province&period=${period}`);
      expect(provinces.length).toBeGreaterThan(0);
      expect(await lakeScores(first, `level = 'province' AND period = '${period}'`)).toEqual(
        close(provinces),
      );
    }
    const regency = villages[0]!.slice(0, 5);
    expect(
      await lakeScores(
        first,
        `level = 'district' AND period = '2024-02' AND code LIKE '${regency}.%'`,
      ),
    ).toEqual(close(await apiScores(`level=district&parent=${regency}&period=2024-02`)));

    // Corrections of February only: January's files carry over to the next version unchanged.
    await importRows(
      villages
        .slice(0, CORRECTIONS)
        .map((code, i) => `c-${i},${code},2024-02,2024-02-28T10:00:00,100`),
    );
    const latest = await waitForLake(
      (m) => rowsOf(m, 'report_history') === CORRECTIONS,
      'the corrected reports in their history',
    );
    expect(rowsOf(latest, 'reports')).toBe(REPORTS);
    const files = (m: LakeManifest, period: string) =>
      m.tables.reports.partitions.find((p) => p.period === period)?.files;
    expect(files(latest, '2024-01')).toEqual(files(first, '2024-01'));
    expect(files(latest, '2024-02')).not.toEqual(files(first, '2024-02'));
    expect(await lakeScores(latest, `level = 'province' AND period = '2024-02'`)).toEqual(
      close(await apiScores('level=province&period=2024-02')),
    );
  },
);
