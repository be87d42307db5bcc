// The scores memo against the SQL path: after every load (which says what it changed) and every
// other write (which does not), the rows it keeps equal listAreaScores' for every level, parent
// and month — the touched rows re-read, the others kept.
import type { IndicatorValue } from '@pantau/domain';
import { commitSubmissions } from '@pantau/ingest';
import {
  listAreaScores,
  openWarehouse,
  packSubmissions,
  upsertCadres,
  type Warehouse,
} from '@pantau/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEBRUARY,
  KUNGKAI,
  LEMPUR_TENGAH,
  loadReadFixture,
  MARCH,
  PAUH_MENANG,
  SUNGAI_KAPAS,
  SUNGAI_UDANG,
  submission,
  TAMBAKREJA,
  WONOREJO,
} from '../testing/read-fixture';
import { ScoresMemo } from './scores-memo';

const VILLAGES = [
  KUNGKAI,
  SUNGAI_KAPAS,
  SUNGAI_UDANG,
  PAUH_MENANG,
  LEMPUR_TENGAH,
  WONOREJO,
  TAMBAKREJA,
];
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

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

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
    const next = random(13);
    await expectSameAsSql(memo);
    for (let step = 0; step < 10; step++) {
      if (step % 5 === 4) {
        // A write that does not say what it changed: the roster, here.
        await warehouse.write((tx) =>
          upsertCadres(tx.connection, [
            {
              cadre_id: `KD-extra-${step}`,
              name: 'Extra',
              village_code: VILLAGES[Math.floor(next() * VILLAGES.length)]!,
              region: 'JKT',
              active: next() < 0.7,
            },
          ]),
        );
      } else {
        const rows = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, i) => {
          const indicators: Record<string, IndicatorValue> = {
            gov_online_letters_pct: Math.floor(next() * 100),
            mob_signal_level: Math.floor(next() * 4),
          };
          return submission(
            `load-${step}`,
            i + 1,
            VILLAGES[Math.floor(next() * VILLAGES.length)]!,
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
    let reads = 0;
    const counted: Warehouse = Object.create(warehouse, {
      db: {
        get() {
          reads++;
          return warehouse.db;
        },
      },
    });
    const memo = new ScoresMemo(counted);
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
    const built = reads;
    await load(MARCH, 1);
    await memo.rows(query);
    expect(reads).toBe(built);
    await load(FEBRUARY, 2);
    expect((await memo.rows(query)).map(String)).toEqual(
      (await listAreaScores(warehouse.db, query)).map((row) => JSON.stringify(row)),
    );
    expect(reads).toBe(built + 1);
  });
});
