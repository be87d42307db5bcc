import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadFixture } from '../testing/read.fixture';
import type { Warehouse } from '../warehouse';
import { countAreasIn, findAreas } from './areas.queries';
import { getCompleteness } from './completeness.queries';
import { listAreaScores } from './scores.queries';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openReadFixture();
});

afterAll(async () => {
  await warehouse.close();
});

// codeInside / ancestorOf resolve scopes without joining villages; check each kind of parent.
describe('scopes', () => {
  it('counts areas inside every kind of parent', async () => {
    expect(await countAreasIn(warehouse.db, { level: 'province', parent: null })).toBe(38);
    expect(await countAreasIn(warehouse.db, { level: 'province', parent: 'JKT' })).toBe(14);
    expect(await countAreasIn(warehouse.db, { level: 'district', parent: '15.02' })).toBe(24);
  });

  it('finds the areas that exist among codes, in code order', async () => {
    const areas = await findAreas(warehouse.db, ['15.02', '15.99', '15']);
    expect(areas.map((a) => a.code)).toEqual(['15', '15.02']);
    expect(await findAreas(warehouse.db, [])).toEqual([]);
  });

  it('filters scores and expected villages by a programme region', async () => {
    const rows = await listAreaScores(warehouse.db, {
      level: 'regency',
      parent: 'JKT',
      period: '2023-03',
      limit: 1000,
    });
    expect(
      rows.every((r) =>
        [
          '11',
          '12',
          '13',
          '14',
          '15',
          '16',
          '17',
          '18',
          '19',
          '21',
          '31',
          '32',
          '36',
          '61',
        ].includes(r.code.slice(0, 2)),
      ),
    ).toBe(true);
    expect(rows.find((r) => r.code === '15.02')).toMatchObject({
      villages_reporting: 3,
      villages_expected: 3,
    });
    const regions = await getCompleteness(warehouse.db, {
      level: 'region',
      parent: null,
      period: '2023-03',
      limit: 10,
    });
    expect(regions.map((r) => [r.code, r.expected, r.reported])).toEqual([
      ['JKT', 3, 2],
      ['MKS', 0, 0],
      ['SBY', 0, 0],
    ]);
  });
});
