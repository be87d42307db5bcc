import { LEVELS, type Level } from '@pantau/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadFixture } from '../testing/read.fixture';
import type { Warehouse } from '../warehouse';
import { hierarchyOf } from './hierarchy-memo';
import { parentColumn } from './scope';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openReadFixture();
});

afterAll(async () => {
  await warehouse.close();
});

/** The definition: areas of `level` whose ancestor column at the parent's level holds it. */
async function insideBySql(level: Level, parent: string | null): Promise<string[]> {
  const column = parentColumn(parent);
  const filter = column ? sql`AND ${sql.ref(column)} = ${parent}` : sql``;
  const { rows } = await sql<{ code: string }>`
    SELECT code FROM areas WHERE level = ${level} ${filter} ORDER BY code`.execute(warehouse.db);
  return rows.map((row) => row.code);
}

describe('hierarchy in memory', () => {
  it('lists the areas of a level inside any kind of parent as SQL does, in code order', async () => {
    const hierarchy = await hierarchyOf(warehouse.db);
    // Parents of every kind: none, a programme region, each administrative level, a village.
    const parents = [null, 'JKT', '15', '15.02', '15.02.02', '15.02.02.2004'];
    for (const level of LEVELS) {
      for (const parent of parents) {
        const codes = hierarchy.inside(level, parent).map((area) => area.code);
        expect(codes, `${level} in ${parent}`).toEqual(await insideBySql(level, parent));
      }
    }
  });

  it('gives each area as the API shows it, without its ancestor columns', async () => {
    const hierarchy = await hierarchyOf(warehouse.db);
    expect(hierarchy.byCode.get('15.02')).toEqual({
      code: '15.02',
      name: 'Kabupaten Merangin',
      level: 'regency',
      parent_code: '15',
    });
  });
});
