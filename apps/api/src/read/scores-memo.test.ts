// The scores memo against the SQL path: after every load (which says what it changed) and every
// other write (which does not), the rows it keeps equal listAreaScores' for every level, parent
// and month — the touched rows re-read, the others kept.
import { commitSubmissions } from '@pantau/ingest';
import { listAreaScores, openWarehouse, packSubmissions, type Warehouse } from '@pantau/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCadre,
  countingReads,
  FEBRUARY,
  FIXTURE_VILLAGES,
  KUNGKAI,
  loadReadFixture,
  MARCH,
  randomIndicators,
  seededRandom,
  submission,
} from '../testing/read-fixture';
import { ScoresMemo } from './scores-memo';

const PERIODS = [FEBRUARY, MARCH];
const SCOPES = [
  { level: 'region', parent: null },
  { level: 'province', parent: null },
  { level: 'regency', parent: '15' },
  { level: 'district', parent: null },
  { level: 'district', parent: '15.02' },
  { level: 'village', parent: '15.02.02' },
  { level: 'village', parent: '15.02' },
] as const;

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null, readers: 2 });
  await loadReadFixture(warehouse);
});
afterAll(() => warehouse.close());

async function expectSameAsSql(memo: ScoresMemo): Promise<void> {
  for (const period of PERIODS) {
    for (const scope of SCOPES) {
      const query = { ...scope, period, limit: 10_000 };
      const kept = (await memo.rows(query)).map((json) => JSON.parse(json.toString()) as unknown);
      expect(kept, `${scope.level} in ${scope.parent} ${period}`).toEqual(
        await listAreaScores(warehouse.db, query),
      );
    }
  }
}

describe('ScoresMemo', () => {
  it('equals the SQL path through loads of random villages and months, and other writes', async () => {
    const memo = new ScoresMemo(warehouse);
    const next = seededRandom(13);
    await expectSameAsSql(memo);
    for (let step = 0; step < 10; step++) {
      if (step % 5 === 4) {
        const village = FIXTURE_VILLAGES[Math.floor(next() * FIXTURE_VILLAGES.length)]!;
        await addCadre(warehouse, step, village, next() < 0.7);
      } else {
        const rows = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, i) => {
          const indicators = randomIndicators(next);
          return submission(
            `load-${step}`,
            i + 1,
            FIXTURE_VILLAGES[Math.floor(next() * FIXTURE_VILLAGES.length)]!,
            PERIODS[Math.floor(next() * PERIODS.length)]!,
            indicators,
            `2023-04-${String(10 + step).padStart(2, '0')}T09:00:00+07:00`,
          );
        });
        await commitSubmissions(warehouse, packSubmissions(rows));
      }
      await expectSameAsSql(memo);
    }
  }, 60_000);

  it('reads the warehouse again only for a load of the month it keeps', async () => {
    const counted = countingReads(warehouse);
    const memo = new ScoresMemo(counted.warehouse);
    const query = { level: 'district', parent: null, period: FEBRUARY, limit: 10_000 } as const;
    const load = (period: string, line: number) =>
      commitSubmissions(
        warehouse,
        packSubmissions([
          submission(
            'memo',
            line,
            KUNGKAI,
            period,
            { mob_signal_level: line % 4 },
            `2023-04-2${line}T09:00:00+07:00`,
          ),
        ]),
      );
    await memo.rows(query);
    const built = counted.reads();
    await load(MARCH, 1);
    await memo.rows(query);
    expect(counted.reads()).toBe(built);
    await load(FEBRUARY, 2);
    expect((await memo.rows(query)).map(String)).toEqual(
      (await listAreaScores(warehouse.db, query)).map((row) => JSON.stringify(row)),
    );
    expect(counted.reads()).toBe(built + 1);
  });
});
