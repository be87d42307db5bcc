import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AggregateRefresh } from './aggregate-refresher';
import { validSubmission } from './testing/submissions.fixture';
import { openWarehouse, type Warehouse, type WriteContext } from './warehouse';
import { applySubmissions } from './writes/apply-submissions';

const KUNGKAI = '15.02.02.2004';
const BANGKO = { period: '2024-03', district_code: '15.02.02' };
/** Long enough that only a read, a settle or a close refreshes in these tests. */
const NEVER_BY_ITSELF_MS = 600_000;

const opened: Warehouse[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const warehouse of opened.splice(0)) await warehouse.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(refreshDelayMs = NEVER_BY_ITSELF_MS, dataDir: string | null = null) {
  const warehouse = await openWarehouse({ dataDir, refreshDelayMs });
  opened.push(warehouse);
  const refreshes: AggregateRefresh[] = [];
  warehouse.onAggregatesRefreshed((refresh) => refreshes.push(refresh));
  return { warehouse, refreshes };
}

/** One report of Kungkai for March 2024, loaded as a live load is: aggregates left over. */
async function loadLive(tx: WriteContext, value: number, line = 2) {
  await applySubmissions(tx, [
    validSubmission({
      source_id: 'api-1',
      line,
      report_id: `r-${line}`,
      village_code: KUNGKAI,
      period: BANGKO.period,
      submitted_at: `2024-03-2${line}T09:00:00Z`,
      indicators: { gov_online_letters_pct: value },
    }),
  ]);
  tx.deferAggregates();
}

function kecamatanScore(db: Warehouse['db']) {
  return db
    .selectFrom('area_scores')
    .select(['dci', 'villages_reporting'])
    .where('level', '=', 'district')
    .where('code', '=', BANGKO.district_code)
    .execute();
}

describe('aggregates a live load leaves to the warehouse', () => {
  it('are refreshed before a read of them, while lineage reads see the report at once', async () => {
    const { warehouse, refreshes } = await open();
    await warehouse.write((tx) => loadLive(tx, 40));

    // Lineage reads do not wait: the report is there, its kecamatan row not yet.
    const reports = await warehouse.lineageDb.selectFrom('reports').select('dci').execute();
    expect(reports).toEqual([{ dci: 40 }]);
    expect(await kecamatanScore(warehouse.lineageDb)).toEqual([]);
    expect(refreshes).toEqual([]);

    // A read of aggregates waits for their refresh, which the warehouse runs and announces.
    expect(await kecamatanScore(warehouse.db)).toEqual([{ dci: 40, villages_reporting: 1 }]);
    expect(refreshes).toEqual([expect.objectContaining({ scopes: [BANGKO], raisedFlags: [] })]);

    // Settled: further reads refresh nothing.
    await warehouse.settle();
    expect(await kecamatanScore(warehouse.db)).toEqual([{ dci: 40, villages_reporting: 1 }]);
    expect(refreshes).toHaveLength(1);
  });

  it('share one refresh when several live loads land before it, and reflect the last', async () => {
    const { warehouse, refreshes } = await open();
    await warehouse.write((tx) => loadLive(tx, 40, 2));
    await warehouse.write((tx) => loadLive(tx, 70, 3));
    const versionBefore = warehouse.version;
    await warehouse.settle();
    // One refresh: its two writes, the flags', then the area scores'.
    expect(warehouse.version).toBe(versionBefore + 2);
    expect(refreshes).toHaveLength(1);
    expect(await kecamatanScore(warehouse.db)).toEqual([{ dci: 70, villages_reporting: 1 }]);
  });

  it('let a live load commit between the refresh of the flags and of the area scores, and stay stale until its flags are refreshed', async () => {
    const { warehouse, refreshes } = await open();
    await warehouse.write((tx) => loadLive(tx, 40, 2));
    const dirtyFlagScopes = () =>
      warehouse.lineageDb.selectFrom('dirty_flag_scopes').selectAll().execute();
    // The refresh queues its flags' write at once; this load is queued behind it, and commits
    // before the area scores' write.
    const settled = warehouse.settle();
    await warehouse.write((tx) => loadLive(tx, 70, 3));
    await settled;

    expect(await kecamatanScore(warehouse.lineageDb)).toEqual([{ dci: 70, villages_reporting: 1 }]);
    expect(await dirtyFlagScopes()).toEqual([BANGKO]);
    await warehouse.settle();
    expect(refreshes).toHaveLength(2);
    expect(await dirtyFlagScopes()).toEqual([]);
  });

  it('are refreshed by the warehouse itself after the delay, with no read', async () => {
    const { warehouse, refreshes } = await open(20);
    await warehouse.write((tx) => loadLive(tx, 40));
    const deadline = Date.now() + 5_000;
    while (refreshes.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(refreshes).toEqual([expect.objectContaining({ scopes: [BANGKO] })]);
    expect(await kecamatanScore(warehouse.lineageDb)).toEqual([{ dci: 40, villages_reporting: 1 }]);
  });

  it('are settled by a later transaction that refreshes aggregates itself (an import)', async () => {
    const { warehouse, refreshes } = await open(1_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await warehouse.write((tx) => loadLive(tx, 40));
      const refreshed = await warehouse.write((tx) => tx.refreshAggregates());
      expect(refreshed.scopes).toEqual([BANGKO]);
      const versionBefore = warehouse.version;
      await warehouse.settle();
      // Nor does the warehouse run the refresh it had planned: past its time, the only commit
      // is the empty write that follows.
      vi.advanceTimersByTime(5_000);
      await warehouse.write(async () => undefined);
      expect(warehouse.version).toBe(versionBefore + 1);
      expect(refreshes).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('are refreshed when the warehouse closes, and kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pantau-refresher-'));
    dirs.push(dir);
    const first = await openWarehouse({ dataDir: dir, refreshDelayMs: NEVER_BY_ITSELF_MS });
    await first.write((tx) => loadLive(tx, 40));
    await first.close();
    const { warehouse } = await open(NEVER_BY_ITSELF_MS, dir);
    expect(await kecamatanScore(warehouse.lineageDb)).toEqual([{ dci: 40, villages_reporting: 1 }]);
  });

  it('stay dirty when their refresh fails: the read gets the error, the next read refreshes', async () => {
    const { warehouse } = await open();
    await warehouse.write((tx) => loadLive(tx, 40));
    // The refresh's statements fail while area_scores is locked away under another name.
    await warehouse.write(async ({ connection }) => {
      await connection.run('ALTER TABLE area_scores RENAME TO area_scores_away');
    });
    await expect(warehouse.settle()).rejects.toThrow(/area_scores/);
    await warehouse.write(async ({ connection }) => {
      await connection.run('ALTER TABLE area_scores_away RENAME TO area_scores');
    });
    expect(await kecamatanScore(warehouse.db)).toEqual([{ dci: 40, villages_reporting: 1 }]);
  });
});
