// The hierarchy in memory, per database. `areas` is written only when a warehouse opens
// (loadHierarchy), so one read serves the warehouse's whole life (~91,600 areas, ~20 MB).
// Reads that list every area of a level take their names and order from here: joining and
// sorting 7,277 kecamatan names in SQL cost a national /scores three times its scores.
import type { Level } from '@pantau/domain';
import type { Kysely } from 'kysely';
import type { AreasTable, Database } from '../schema';
import type { Area } from './areas.queries';
import { parentColumn } from './scope';

type AncestorColumns = Pick<
  AreasTable,
  'region_code' | 'province_code' | 'regency_code' | 'district_code'
>;

export class Hierarchy {
  /** Every area by code, as the API shows one (its ancestor columns left out). */
  readonly byCode: ReadonlyMap<string, Area>;
  private readonly byLevel = new Map<Level, { area: Area; ancestors: AncestorColumns }[]>();

  constructor(rows: (Area & AncestorColumns)[]) {
    rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const byCode = new Map<string, Area>();
    for (const { code, name, level, parent_code, ...ancestors } of rows) {
      const area = { code, name, level, parent_code };
      byCode.set(code, area);
      const list = this.byLevel.get(level);
      if (list) list.push({ area, ancestors });
      else this.byLevel.set(level, [{ area, ancestors }]);
    }
    this.byCode = byCode;
  }

  /**
   * The areas of `level` inside `parent` (null: the whole country), in code order: those whose
   * ancestor column at the parent's level holds it, as `parentColumn` filters in SQL.
   */
  inside(level: Level, parent: string | null): Area[] {
    const entries = this.byLevel.get(level) ?? [];
    const column = parentColumn(parent);
    return entries
      .filter((entry) => column === null || entry.ancestors[column] === parent)
      .map((entry) => entry.area);
  }
}

const memos = new WeakMap<Kysely<Database>, Promise<Hierarchy>>();

/** The hierarchy of the database `db` reads, loaded on first use. */
export function hierarchyOf(db: Kysely<Database>): Promise<Hierarchy> {
  let memo = memos.get(db);
  if (!memo) {
    memo = db
      .selectFrom('areas')
      .select([
        'code',
        'name',
        'level',
        'parent_code',
        'region_code',
        'province_code',
        'regency_code',
        'district_code',
      ])
      .execute()
      .then((rows) => new Hierarchy(rows));
    memos.set(db, memo);
    // A failed load is retried by the next call rather than remembered.
    memo.catch(() => memos.delete(db));
  }
  return memo;
}
