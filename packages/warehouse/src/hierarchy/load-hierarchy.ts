// Loads the whole administrative hierarchy and the programme regions into `areas`, in bulk.
import type { DuckDBConnection } from '@duckdb/node-api';
import { REGIONS, regionOfProvince } from '@pantau/domain';
import { inTransaction } from '../transaction';
import { HIERARCHY_FILES, HIERARCHY_PACKAGE, readHierarchyRows } from './hierarchy.source';

const META_KEY = 'hierarchy';

/** Acronyms kept upper-case when province and regency names are title-cased. */
const ACRONYMS = new Set(['DKI']);

/** `KABUPATEN MERANGIN` → `Kabupaten Merangin` (the source spells upper levels in capitals). */
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(
      /(^|[\s\-(/])(\p{L})/gu,
      (_, before: string, letter: string) => before + letter.toUpperCase(),
    )
    .split(' ')
    .map((word) => (ACRONYMS.has(word.toUpperCase()) ? word.toUpperCase() : word))
    .join(' ');
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function readCsv(file: string): string {
  return `read_csv(${sqlString(file)}, header = true, quote = '', escape = '',
    columns = {'code': 'VARCHAR', 'parent_code': 'VARCHAR', 'name': 'VARCHAR'})`;
}

export interface HierarchyCounts {
  region: number;
  province: number;
  regency: number;
  district: number;
  village: number;
}

/** Loads the hierarchy once per data dir; returns null when it was already there. */
export async function loadHierarchy(connection: DuckDBConnection): Promise<HierarchyCounts | null> {
  const existing = await connection.runAndReadAll('SELECT value FROM meta WHERE key = $1', [
    META_KEY,
  ]);
  if (existing.currentRowCount > 0) return null;

  await inTransaction(connection, async () => {
    const appender = await connection.createAppender('areas');
    const append = (row: (string | null)[]) => {
      for (const cell of row) {
        if (cell === null) appender.appendNull();
        else appender.appendVarchar(cell);
      }
      appender.appendInteger(0);
      appender.appendInteger(0);
      appender.endRow();
    };
    // code, level, name, parent, region, province, regency, district
    for (const r of REGIONS) append([r.code, 'region', r.name, null, null, null, null, null]);
    for (const [code = '', name = ''] of readHierarchyRows('provinces')) {
      append([
        code,
        'province',
        titleCase(name),
        null,
        regionOfProvince(code) ?? null,
        code,
        null,
        null,
      ]);
    }
    for (const [code = '', province = '', name = ''] of readHierarchyRows('regencies')) {
      append([
        code,
        'regency',
        titleCase(name),
        province,
        regionOfProvince(province) ?? null,
        province,
        code,
        null,
      ]);
    }
    appender.closeSync();

    // Districts and villages in bulk; their region comes from their province, loaded above.
    await connection.run(
      `INSERT INTO areas
       SELECT d.code, 'district', d.name, d.parent_code, p.region_code, p.code, d.parent_code, d.code, 0, 0
       FROM ${readCsv(HIERARCHY_FILES.districts)} d JOIN areas p ON p.code = left(d.code, 2)`,
    );
    await connection.run(
      `INSERT INTO areas
       SELECT v.code, 'village', v.name, v.parent_code, p.region_code, p.code, left(v.code, 5),
              v.parent_code, 0, 1
       FROM ${readCsv(HIERARCHY_FILES.villages)} v JOIN areas p ON p.code = left(v.code, 2)`,
    );
    await connection.run(
      `UPDATE areas SET children = c.n
       FROM (
         SELECT parent_code AS code, count(*) AS n FROM areas
         WHERE parent_code IS NOT NULL GROUP BY parent_code
         UNION ALL
         SELECT region_code, count(*) FROM areas WHERE level = 'province' GROUP BY region_code
       ) c WHERE areas.code = c.code`,
    );
    await connection.run(
      `UPDATE areas SET villages = v.n
       FROM (
         SELECT code, count(*) AS n FROM (
           SELECT unnest([region_code, province_code, regency_code, district_code]) AS code
           FROM areas WHERE level = 'village'
         ) GROUP BY code
       ) v WHERE areas.code = v.code`,
    );
    await connection.run('INSERT INTO meta VALUES ($1, $2)', [META_KEY, HIERARCHY_PACKAGE]);
  });
  return countAreas(connection);
}

export async function countAreas(connection: DuckDBConnection): Promise<HierarchyCounts> {
  const result = await connection.runAndReadAll(
    'SELECT level, count(*)::INTEGER AS n FROM areas GROUP BY level',
  );
  const counts: HierarchyCounts = { region: 0, province: 0, regency: 0, district: 0, village: 0 };
  for (const [level, n] of result.getRowsJS()) counts[level as keyof HierarchyCounts] = Number(n);
  return counts;
}
