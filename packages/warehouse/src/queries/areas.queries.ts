// Areas of the hierarchy: search by name, children of a parent, one area with its breadcrumb.
import { adminParentCode, levelOfCode, type Level } from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { AreasTable, Database } from '../schema';
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

/** Escapes LIKE wildcards so a search for `50%` looks for those characters. */
function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const LEVEL_RANK = sql<number>`CASE level WHEN 'region' THEN 0 WHEN 'province' THEN 1
  WHEN 'regency' THEN 2 WHEN 'district' THEN 3 ELSE 4 END`;

export async function listAreas(db: Kysely<Database>, query: ListAreasQuery): Promise<Area[]> {
  const column = parentColumn(query.parent ?? null);
  let select = db.selectFrom('areas').select(['code', 'name', 'level', 'parent_code']);
  if (query.level) select = select.where('level', '=', query.level);
  if (column) select = select.where(sql.ref(column), '=', query.parent);
  if (query.q) {
    const q = query.q.trim();
    const pattern = likePattern(q);
    select = select.where(sql<boolean>`name ILIKE ${`%${pattern}%`} ESCAPE '\\'`).orderBy(
      sql`CASE WHEN name ILIKE ${`${pattern}%`} ESCAPE '\\' OR name ILIKE ${`% ${pattern}%`} ESCAPE '\\'
            THEN 0 ELSE 1 END`,
    );
  }
  return select.orderBy(LEVEL_RANK).orderBy('name').orderBy('code').limit(query.limit).execute();
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

/** The latest period with any accepted report, or null for an empty store. */
export async function latestPeriod(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('area_scores')
    .select((eb) => eb.fn.max('period').as('period'))
    .where('level', '=', 'country')
    .executeTakeFirst();
  return row?.period ?? null;
}
