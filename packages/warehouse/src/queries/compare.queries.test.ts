import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUNGKAI, openReadFixture, WONOREJO } from '../testing/read.fixture';
import type { Warehouse } from '../warehouse';
import { compareAreas } from './compare.queries';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openReadFixture();
});

afterAll(async () => {
  await warehouse.close();
});

describe('compareAreas', () => {
  it('ranks each area among its siblings and gives the national scores', async () => {
    const { national, areas } = await compareAreas(warehouse.db, {
      codes: ['15.02', '15.01', '15.03'],
      period: '2023-03',
    });
    expect(national.dci).toBeCloseTo((80 + 60 + 50 + 0 + 100 / 3 + 90) / 6, 12);
    expect(national.pillars).toMatchObject({ people: 75, government: 40, economy: null });
    expect(areas.map((a) => [a.code, a.rank_parent, a.rank, a.ranked])).toEqual([
      ['15.02', '15', 1, 2],
      ['15.01', '15', 2, 2],
      ['15.03', '15', null, 2],
    ]);
    expect(areas[0]?.dci).toBeCloseTo((80 + 60 + 50) / 3, 12);
    expect(areas[0]?.villages_reporting).toBe(3);
    expect(areas[2]).toMatchObject({ dci: null, villages_reporting: 0 });
  });

  it('ranks villages within their kecamatan and provinces within the country', async () => {
    const { areas } = await compareAreas(warehouse.db, {
      codes: [KUNGKAI, WONOREJO, '33', 'JKT'],
      period: '2023-03',
    });
    expect(areas.map((a) => [a.code, a.rank_parent, a.rank, a.ranked])).toEqual([
      [KUNGKAI, '15.02.02', 1, 2],
      [WONOREJO, '94.01.01', 1, 1],
      ['33', null, 1, 3],
      ['JKT', null, 2, 3],
    ]);
  });
});
