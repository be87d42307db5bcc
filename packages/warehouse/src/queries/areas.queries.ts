// Areas of the hierarchy: search by name, children of a parent, one area with its breadcrumb.
import {
  addMonths,
  adminParentCode,
  levelOfCode,
  periodOfInstant,
  type Level,
} from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { AreasTable, Database } from '../schema';
import { hierarchyOf } from './hierarchy-memo';
import { parentColumn } from './scope';

export type Area = Pick<AreasTable, 'code' | 'name' | 'level' | 'parent_code'>;

export interface AreaDetail extends Area {
  region_code: string | null;
  /** From the country down to the parent: the breadcrumb. */
  ancestors: Area[];
  children: number;
  villages: number;
}

export interface ListAreasQuery {
  level?: Level;
  parent?: string | null;
  /** Case-insensitive; names with a word starting with it rank before names merely containing it. */
  q?: string;
  limit: number;
}

const LEVEL_RANK = sql<number>`CASE level WHEN 'region' THEN 0 WHEN 'province' THEN 1
  WHEN 'regency' THEN 2 WHEN 'district' THEN 3 ELSE 4 END`;

export async function listAreas(db: Kysely<Database>, query: ListAreasQuery): Promise<Area[]> {
  const column = parentColumn(query.parent ?? null);
  let select = db.selectFrom('areas').select(['code', 'name', 'level', 'parent_code']);
  if (query.level) select = select.where('level', '=', query.level);
  if (column) select = select.where(sql.ref(column), '=', query.parent);
  if (query.q) {
    // contains/starts_with on lower() take the text literally (no LIKE wildcards to escape)
    // and run about twice as fast as ILIKE over the 91,595 names.
    const q = query.q.trim().toLowerCase();
    select = select
      .where(sql<boolean>`contains(lower(name), ${q})`)
      .orderBy(
        sql`CASE WHEN starts_with(lower(name), ${q}) OR contains(lower(name), ${` ${q}`}) THEN 0 ELSE 1 END`,
      );
  }
  return select.orderBy(LEVEL_RANK).orderBy('name').orderBy('code').limit(query.limit).execute();
}

/** How many areas of `level` lie inside `parent` (null: the whole country). */
export async function countAreasIn(
  db: Kysely<Database>,
  query: { level: Level; parent: string | null },
): Promise<number> {
  return (await hierarchyOf(db)).inside(query.level, query.parent).length;
}

/** Codes from the province down to the parent of `code`, e.g. 15 → 15.02 → 15.02.02. */
function ancestorCodes(code: string): string[] {
  const codes: string[] = [];
  for (let parent = adminParentCode(code); parent !== null; parent = adminParentCode(parent)) {
    codes.unshift(parent);
  }
  return codes;
}

export async function getArea(db: Kysely<Database>, code: string): Promise<AreaDetail | null> {
  if (levelOfCode(code) === null) return null;
  const area = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code', 'region_code', 'children', 'villages'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!area) return null;
  const codes = ancestorCodes(code);
  const ancestors =
    codes.length === 0
      ? []
      : await db
          .selectFrom('areas')
          .select(['code', 'name', 'level', 'parent_code'])
          .where('code', 'in', codes)
          .orderBy(sql`length(code)`)
          .execute();
  return { ...area, ancestors };
}

/** The areas among `codes` that exist, in code order; unknown codes are simply absent. */
export async function findAreas(db: Kysely<Database>, codes: readonly string[]): Promise<Area[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', 'in', codes)
    .orderBy('code')
    .execute();
}

/** The latest period with any accepted report, or null for an empty store. */
export async function latestPeriod(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('area_scores')
    .select((eb) => eb.fn.max('period').as('period'))
    .where('level', '=', 'country')
    .executeTakeFirst();
  return row?.period ?? null;
}

/**
 * The period a read without one shows (DESIGN.md, Default period): the latest closed month —
 * the calendar month before `now` in Asia/Jakarta — or, when it has no reports at all, the
 * latest period that has; on an empty store, the closed month all the same.
 */
export async function defaultPeriod(db: Kysely<Database>, now: Date): Promise<string> {
  const closed = addMonths(periodOfInstant(now.getTime()), -1);
  const row = await db
    .selectFrom('area_scores')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('period', '=', closed).as('closed'),
      eb.fn.max('period').as('latest'),
    ])
    .where('level', '=', 'country')
    .executeTakeFirst();
  return Number(row?.closed ?? 0) > 0 ? closed : (row?.latest ?? closed);
}
