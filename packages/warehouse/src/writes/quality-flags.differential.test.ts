// The loader's incremental flags against their definition over every stored report
// (testing/flags-oracle.ts): random histories with spikes, copied-forward runs, gaps and missing
// values, loaded in random order and batch sizes with late corrections, must leave exactly the
// flags the definition gives after every load — also after loads that were rolled back (a dry
// run, a failure after the refresh), which the writer's cache of recent values must forget —
// and live loads that leave their aggregates to the warehouse's own refreshes, which must leave
// the flags and the area scores a refresh of everything gives.
import { INDICATORS, type IndicatorValue } from '@pantau/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { oracleFlags } from '../testing/flags-oracle';
import { seededRandom } from '../testing/random';
import {
  applyVillageReports,
  loadLiveVillageReports,
  loadVillageReports,
  type VillageReport as Report,
} from '../testing/village-reports.fixture';
import { openWarehouse, type Warehouse } from '../warehouse';
import { refreshAreaScores } from './refresh-area-scores';

/** A kecamatan of 17 villages (peer flags) and one of 8 (too few peers). */
const DISTRICTS = ['15.02.03', '15.02.02'];
const MONTHS = 20;
/** One indicator of each unit that is checked, and a boolean that never is. */
const CHECKED = (['percent', 'count', 'ratio', 'rupiah', 'bool'] as const).map(
  (unit) => INDICATORS.find((i) => i.unit === unit)!.code,
);

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null });
});

afterAll(async () => {
  await warehouse.close();
});

const period = (m: number) =>
  `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** Each village's months, each indicator around a level of its own, with realistic mistakes. */
function histories(villages: string[], next: () => number): Report[] {
  const reports: Report[] = [];
  for (const village of villages) {
    const levels = CHECKED.map(() => 5 + Math.floor(next() * 90));
    // Some cadres copy last month forward most of the time.
    const copying = next() < 0.3 ? 0.8 : 0.15;
    const last = new Map<string, IndicatorValue>();
    for (let m = 0; m < MONTHS; m++) {
      if (next() < 0.05) continue; // no report this month
      const indicators: Record<string, IndicatorValue> = {};
      CHECKED.forEach((code, i) => {
        const roll = next();
        let value: IndicatorValue;
        if (code === CHECKED.at(-1)) value = roll < 0.5;
        else if (roll < 0.05)
          return; // left empty
        else if (roll < 0.05 + copying && last.has(code)) value = last.get(code)!;
        else if (next() < 0.06)
          value = levels[i]! * 10; // a unit slip
        else if (next() < 0.04) value = 0;
        else if (i === 1)
          value = 20 + Math.floor(next() * 4); // counts: close, with ties
        else value = Math.round((levels[i]! + (next() - 0.5) * 8) * 10) / 10;
        indicators[code] = value;
        last.set(code, value);
      });
      reports.push({ village, period: period(m), indicators });
    }
  }
  return reports;
}

const load = (reports: Report[]) => loadVillageReports(warehouse, reports);

async function storedFlags(db = warehouse.db) {
  return db
    .selectFrom('quality_flags')
    .select(['village_code', 'period', 'indicator', 'method', 'value', 'baseline', 'score'])
    .orderBy(['village_code', 'period', 'indicator', 'method'])
    .execute();
}

async function villagesOf(db: Warehouse['db']) {
  const rows = await db
    .selectFrom('areas')
    .select('code')
    .where('parent_code', 'in', DISTRICTS)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** Late corrections: a few stored reports again, with one value changed. */
function corrections(loaded: Report[], next: () => number): Report[] {
  return loaded
    .filter(() => next() < 0.02)
    .map((earlier) => {
      const code = CHECKED[Math.floor(next() * 4)]!;
      return { ...earlier, indicators: { ...earlier.indicators, [code]: next() * 200 } };
    });
}

it('leaves the flags the definition gives after every load, late corrections included', async () => {
  const next = seededRandom(10);
  const villages = await villagesOf(warehouse.db);
  const pending = histories(villages, next).sort(() => next() - 0.5);
  const loaded: Report[] = [];
  let loads = 0;
  while (pending.length > 0) {
    const batch = pending.splice(0, 1 + Math.floor(next() * 60));
    batch.push(...corrections(loaded, next));
    // Now and then corrections that do not land, before the load.
    const roll = next();
    if (roll < 0.1)
      await loadVillageReports(warehouse, corrections(loaded, next), { rollback: true });
    else if (roll < 0.2)
      await expect(
        warehouse.write(async (tx) => {
          await applyVillageReports(tx, corrections(loaded, next));
          throw new Error('the load failed after its refresh');
        }),
      ).rejects.toThrow('failed after its refresh');
    await load(batch);
    loaded.push(...batch);
    loads++;
    const connection = await warehouse.connect();
    const expected = await oracleFlags(connection);
    connection.closeSync();
    expect(await storedFlags(), `after load ${loads}`).toEqual(expected);
  }
  // The data raise every method, so each was compared.
  const methods = new Set((await storedFlags()).map((f) => f.method));
  expect([...methods].sort()).toEqual(['history', 'peer', 'stuck']);
}, 60_000);

/**
 * The area scores stored, and those a refresh of every scope gives (in a rolled-back write), to
 * 12 significant digits: sums over kecamatan rows added in another order differ in the last bit.
 */
async function areaScores(live: Warehouse) {
  const read = async (db: Warehouse['db']) =>
    (
      await db
        .selectFrom('area_scores')
        .selectAll()
        .orderBy('level')
        .orderBy('code')
        .orderBy('period')
        .execute()
    ).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? v.toPrecision(12) : v]),
      ),
    );
  const stored = await read(live.db);
  const refreshed = await live.write(
    async ({ connection, db }) => {
      await connection.run('DELETE FROM area_scores');
      await connection.run(
        'INSERT INTO dirty_scopes SELECT DISTINCT period, district_code FROM reports',
      );
      await refreshAreaScores(connection);
      return read(db);
    },
    { rollback: true },
  );
  return { stored, refreshed };
}

it('leaves the flags and area scores a refresh of everything gives when live loads leave them to the warehouse', async () => {
  // Refreshing by itself soon after each live load, besides the refreshes started below.
  const live = await openWarehouse({ dataDir: null, refreshDelayMs: 1 });
  try {
    const next = seededRandom(11);
    const pending = histories(await villagesOf(live.db), next).sort(() => next() - 0.5);
    const loaded: Report[] = [];
    let loads = 0;
    while (pending.length > 0) {
      // A refresh starts, and a few live loads are sent at once behind it: their reports are
      // left for the next refresh, by the timer or the settle below.
      const refreshing = live.settle();
      const sent: Promise<void>[] = [];
      for (let i = 0; i < 1 + Math.floor(next() * 4) && pending.length > 0; i++) {
        const batch = pending.splice(0, 1 + Math.floor(next() * 60));
        batch.push(...corrections(loaded, next));
        loaded.push(...batch);
        sent.push(loadLiveVillageReports(live, batch));
      }
      await Promise.all([refreshing, ...sent]);
      loads += sent.length;
      if (next() < 0.7 && pending.length > 0) continue;
      await live.settle();
      const connection = await live.connect();
      const expected = await oracleFlags(connection);
      connection.closeSync();
      expect(await storedFlags(live.db), `after load ${loads}`).toEqual(expected);
      const { stored, refreshed } = await areaScores(live);
      expect(stored, `after load ${loads}`).toEqual(refreshed);
    }
    const methods = new Set((await storedFlags(live.db)).map((f) => f.method));
    expect([...methods].sort()).toEqual(['history', 'peer', 'stuck']);
  } finally {
    await live.close();
  }
}, 60_000);
