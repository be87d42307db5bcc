import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KUNGKAI, openReadFixture, SUNGAI_UDANG } from '../testing/read.fixture';
import { rejectedSubmission, validSubmission } from '../testing/submissions.fixture';
import type { Warehouse } from '../warehouse';
import { applySubmissions } from '../writes/apply-submissions';
import { refreshAreaScores } from '../writes/refresh-area-scores';
import { readManifest, type LakeManifest, type LakeTable } from './lake-manifest';
import { LakePublisher } from './lake-publisher';
import { duckdbSnippet } from './lake-snippets';

const GRACE_MS = 60_000;

let warehouse: Warehouse;
let dir: string;
let now: number;
let publisher: LakePublisher;

beforeEach(async () => {
  warehouse = await openReadFixture();
  dir = await mkdtemp(join(tmpdir(), 'pantau-lake-'));
  now = Date.parse('2024-01-01T00:00:00Z');
  publisher = startPublisher();
});

afterEach(async () => {
  await publisher.close();
  await warehouse.close();
  await rm(dir, { recursive: true, force: true });
});

function startPublisher(): LakePublisher {
  return new LakePublisher({
    warehouse,
    dir,
    intervalMs: 0,
    graceMs: GRACE_MS,
    clock: () => new Date(now),
  });
}

async function publish(): Promise<LakeManifest> {
  const manifest = await publisher.publish();
  if (!manifest) throw new Error('nothing published');
  return manifest;
}

/** A late February report from Sungai Udang: one new row in the 2023-02 partitions. */
async function loadFebruaryReport() {
  await warehouse.write(async (tx) => {
    await applySubmissions(tx, [
      validSubmission({
        source_id: 'import-2',
        report_id: 'f-udang',
        village_code: SUNGAI_UDANG,
        period: '2023-02',
        submitted_at: '2023-03-02T09:00:00+07:00',
        indicators: { gov_online_letters_pct: 90 },
      }),
    ]);
    await refreshAreaScores(tx.connection);
  });
}

/** Rows as a fresh DuckDB reads them through the snippet `npm run lake` prints. */
async function readLake(manifest: LakeManifest, sql: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(duckdbSnippet(manifest, dir));
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function partitionFiles(manifest: LakeManifest, table: LakeTable, period: string | null) {
  return manifest.tables[table].partitions.find((p) => p.period === period)?.files;
}

describe('LakePublisher', () => {
  it('publishes every table by period, and a fresh DuckDB reads the warehouse scores back', async () => {
    const manifest = await publish();

    expect(await readManifest(dir)).toEqual(manifest);
    expect(manifest.version).toBe(1);
    for (const table of ['reports', 'area_scores', 'submissions'] as const) {
      expect(manifest.tables[table].partitions.map((p) => p.period)).toEqual([
        '2023-02',
        '2023-03',
      ]);
    }
    expect(manifest.tables.report_history.files).toEqual([]);
    expect(partitionFiles(manifest, 'reports', '2023-03')?.[0]).toMatch(
      /^reports\/period=2023-03\/v000001-[0-9a-f]{8}_0\.parquet$/,
    );
    const query = `SELECT level, code, period, dci, villages_reporting FROM area_scores
      ORDER BY level, code, period`;
    const stored = (
      await warehouse.db
        .selectFrom('area_scores')
        .select(['level', 'code', 'period', 'dci', 'villages_reporting'])
        .orderBy('level')
        .orderBy('code')
        .orderBy('period')
        .execute()
    ).map((row) => ({ ...row }));
    expect(stored.length).toBeGreaterThan(10);
    expect(await readLake(manifest, query)).toEqual(stored);
  });

  it('rewrites only the partitions that changed and keeps the files of the others', async () => {
    const first = await publish();
    await loadFebruaryReport();
    const second = await publish();

    expect(second.version).toBe(2);
    for (const table of ['reports', 'area_scores', 'submissions'] as const) {
      expect(partitionFiles(second, table, '2023-03')).toEqual(
        partitionFiles(first, table, '2023-03'),
      );
      expect(partitionFiles(second, table, '2023-02')?.[0]).toMatch(/\/v000002-/);
    }
    const rows = await readLake(
      second,
      `SELECT village_code FROM reports WHERE period = '2023-02' ORDER BY 1`,
    );
    expect(rows).toEqual([{ village_code: KUNGKAI }, { village_code: SUNGAI_UDANG }]);
  });

  it('publishes no version when nothing changed', async () => {
    await publish();
    expect(await publisher.publish()).toBeNull();
    expect((await readManifest(dir))?.version).toBe(1);
  });

  it('deletes a replaced file only after the grace period', async () => {
    const first = await publish();
    const replaced = partitionFiles(first, 'reports', '2023-02')![0]!;
    await loadFebruaryReport();
    const second = await publish();

    expect(second.retired).toContainEqual({ path: replaced, since: new Date(now).toISOString() });
    expect(existsSync(join(dir, replaced))).toBe(true);

    now += GRACE_MS;
    await warehouse.write(async (tx) => {
      await applySubmissions(tx, [
        validSubmission({
          source_id: 'import-3',
          report_id: 'm-late',
          village_code: SUNGAI_UDANG,
          period: '2023-03',
          submitted_at: '2023-04-02T09:00:00+07:00',
        }),
      ]);
      await refreshAreaScores(tx.connection);
    });
    const third = await publish();
    expect(existsSync(join(dir, replaced))).toBe(false);
    expect(third.retired.map((r) => r.path)).not.toContain(replaced);
  });

  it('starts from the published version and retires files that no version names', async () => {
    await publish();
    await publisher.close();
    const stray = join(dir, 'reports', 'period=2023-03', 'v000002-deadbeef_0.parquet');
    await writeFile(stray, 'left by a publish that stopped before its manifest');
    await loadFebruaryReport();

    publisher = startPublisher();
    const manifest = await publish();

    expect(manifest.version).toBe(2);
    expect(manifest.retired.map((r) => r.path)).toContain(
      'reports/period=2023-03/v000002-deadbeef_0.parquet',
    );
  });

  it('stops at close during a publish, and the next start publishes a whole version', async () => {
    const interrupted = publisher.publish();
    await publisher.close();
    await interrupted;

    publisher = startPublisher();
    const manifest = await publisher.publish();
    const current = manifest ?? (await readManifest(dir));
    expect(current?.tables.reports.partitions.map((p) => p.period)).toEqual(['2023-02', '2023-03']);
    for (const file of Object.values(current!.tables).flatMap((t) => t.files)) {
      expect(existsSync(join(dir, file))).toBe(true);
    }
  });

  it('keeps a rejected submission whose period is not a month out of the month partitions', async () => {
    await warehouse.write((tx) =>
      applySubmissions(tx, [rejectedSubmission('import-9', 2, { period: '../2023-3' })]),
    );
    const manifest = await publish();

    const partitions = manifest.tables.submissions.partitions.map((p) => p.period);
    expect(partitions).toEqual([null, '2023-02', '2023-03']);
    expect(partitionFiles(manifest, 'submissions', null)?.[0]).toMatch(
      /^submissions\/period=__HIVE_DEFAULT_PARTITION__\//,
    );
    expect(
      await readLake(
        manifest,
        `SELECT period, period_sent FROM submissions WHERE outcome = 'rejected'`,
      ),
    ).toEqual([{ period: null, period_sent: '../2023-3' }]);
  });
});
