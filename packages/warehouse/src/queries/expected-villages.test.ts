import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUNGKAI, openReadFixture, SUNGAI_KAPAS } from '../testing/read.fixture';
import type { Warehouse } from '../warehouse';
import { upsertCadres } from '../writes/cadres.writes';
import { expectedCounts } from './expected-villages';
import { listAreaScores } from './scores.queries';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openReadFixture();
});

afterAll(async () => {
  await warehouse.close();
});

const bangkoExpected = async () => {
  const rows = await listAreaScores(warehouse.db, {
    level: 'district',
    parent: '15.02',
    period: '2023-03',
    limit: 100,
  });
  return rows.find((r) => r.code === '15.02.02')?.villages_expected;
};

// The same clock for every roster change: the counts must follow the roster itself.
const SAME_TIME = new Date('2024-01-01T00:00:00Z');

describe('expectedCounts', () => {
  it('follows every change of the roster, even at the same instant', async () => {
    expect(await bangkoExpected()).toBe(2);
    await warehouse.write(({ connection }) =>
      upsertCadres(
        connection,
        [
          {
            cadre_id: 'KD-2',
            name: 'Budi',
            village_code: SUNGAI_KAPAS,
            region: 'JKT',
            active: false,
          },
        ],
        SAME_TIME,
      ),
    );
    expect(await bangkoExpected()).toBe(1);
    // Moving a cadre keeps the number of active cadres but changes the villages.
    await warehouse.write(({ connection }) =>
      upsertCadres(
        connection,
        [
          {
            cadre_id: 'KD-1',
            name: 'Siti',
            village_code: '15.01.01.1004',
            region: 'JKT',
            active: true,
          },
        ],
        SAME_TIME,
      ),
    );
    expect(await bangkoExpected()).toBe(0);
  });

  it('counts a village with two active cadres once', async () => {
    await warehouse.write(({ connection }) =>
      upsertCadres(
        connection,
        [
          { cadre_id: 'KD-8', name: 'Dewi', village_code: KUNGKAI, region: 'JKT', active: true },
          { cadre_id: 'KD-9', name: 'Eka', village_code: KUNGKAI, region: 'JKT', active: true },
        ],
        SAME_TIME,
      ),
    );
    expect(await bangkoExpected()).toBe(1);
    expect((await expectedCounts(warehouse.db, 'village')).get(KUNGKAI)).toBe(1);
  });
});
