// Report tables hold one typed column per catalogue indicator; new catalogue entries become columns.
import type { DuckDBConnection } from '@duckdb/node-api';
import { INDICATORS, PILLAR_CODES } from '@pantau/domain';

/** Tables with one column per indicator. */
const REPORT_TABLES = ['reports', 'report_history'] as const;

function sqlType(unit: string): string {
  return unit === 'bool' ? 'BOOLEAN' : 'DOUBLE';
}

/** `people_rkdd_active BOOLEAN, people_digital_literacy_pct DOUBLE, …` */
export const INDICATOR_COLUMNS_DDL = INDICATORS.map((i) => `${i.code} ${sqlType(i.unit)}`).join(
  ', ',
);

/** `people DOUBLE, government DOUBLE, …` */
export const PILLAR_COLUMNS_DDL = PILLAR_CODES.map((p) => `${p} DOUBLE`).join(', ');

/**
 * Adds a column for every catalogue indicator the report tables do not have yet, so that adding
 * an indicator to the catalogue needs no hand-written migration.
 */
export async function syncCatalogueColumns(connection: DuckDBConnection): Promise<string[]> {
  const added: string[] = [];
  for (const table of REPORT_TABLES) {
    const existing = await connection.runAndReadAll(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $1`,
      [table],
    );
    const columns = new Set(existing.getRowsJS().map(([name]) => String(name)));
    for (const indicator of INDICATORS) {
      if (columns.has(indicator.code)) continue;
      await connection.run(
        `ALTER TABLE ${table} ADD COLUMN ${indicator.code} ${sqlType(indicator.unit)}`,
      );
      added.push(`${table}.${indicator.code}`);
    }
  }
  return added;
}
