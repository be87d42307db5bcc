import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUNGKAI, openReadFixture, SUNGAI_KAPAS } from '../testing/read.fixture';
import type { Warehouse } from '../warehouse';
import { compareAreas } from './compare.queries';
import { compareAreasIn } from './compare-children.queries';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openReadFixture();
});

afterAll(async () => {
  await warehouse.close();
});

const MARCH = '2023-03';

describe('compareAreasIn', () => {
  it('sets every kabupaten of Jambi side by side, ranked within the province', async () => {
    const { national, areas } = await compareAreasIn(warehouse.db, {
      level: 'regency',
      parent: '15',
      period: MARCH,
    });
    expect(national.dci).toBeCloseTo((80 + 60 + 50 + 0 + 100 / 3 + 90) / 6, 12);
    expect(areas).toHaveLength(11);
    expect(areas.map((a) => a.code)).toEqual([...areas.map((a) => a.code)].sort());
    const [kerinci, merangin, sarolangun] = areas;
    expect(kerinci).toMatchObject({
      code: '15.01',
      name: 'Kabupaten Kerinci',
      level: 'regency',
      dci: 0,
      rank_parent: '15',
      rank: 2,
      ranked: 2,
    });
    expect(merangin).toMatchObject({ code: '15.02', rank: 1, ranked: 2, villages_reporting: 3 });
    expect(merangin?.dci).toBeCloseTo((80 + 60 + 50) / 3, 12);
    expect(merangin?.pillars).toMatchObject({ people: 75, government: 40, mobility: 100 });
    expect(sarolangun).toMatchObject({
      code: '15.03',
      dci: null,
      villages_reporting: 0,
      rank: null,
      ranked: 2,
    });
  });

  it('gives the numbers compareAreas gives area by area', async () => {
    const all = await compareAreasIn(warehouse.db, {
      level: 'regency',
      parent: '15',
      period: MARCH,
    });
    const one = await compareAreas(warehouse.db, {
      codes: all.areas.map((a) => a.code),
      period: MARCH,
    });
    expect(all.areas.map(({ name: _n, level: _l, ...scores }) => scores)).toEqual(one.areas);
  });

  it('ranks the provinces of a programme region among all provinces', async () => {
    const { areas } = await compareAreasIn(warehouse.db, {
      level: 'province',
      parent: 'JKT',
      period: MARCH,
    });
    expect(areas).toHaveLength(14);
    // Jawa Tengah (90) is first nationally, though it lies outside Region Jakarta.
    expect(areas.find((a) => a.code === '15')).toMatchObject({
      dci: (80 + 60 + 50 + 0) / 4,
      rank_parent: null,
      rank: 2,
      ranked: 3,
    });
    expect(areas.find((a) => a.code === '11')).toMatchObject({ rank: null, ranked: 3 });
  });

  it('ranks the villages of a kecamatan among themselves', async () => {
    const { areas } = await compareAreasIn(warehouse.db, {
      level: 'village',
      parent: '15.02.02',
      period: MARCH,
    });
    expect(areas.find((a) => a.code === KUNGKAI)).toMatchObject({ dci: 80, rank: 1, ranked: 2 });
    expect(areas.find((a) => a.code === SUNGAI_KAPAS)).toMatchObject({ dci: 60, rank: 2 });
    expect(areas.every((a) => a.rank_parent === '15.02.02')).toBe(true);
  });
});
