// Upserts the cadre roster, which decides the villages expected to report.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface CadreRecord {
  cadre_id: string;
  name: string;
  village_code: string;
  region: string | null;
  active: boolean;
}

/** Inserts or replaces cadres by `cadre_id` in the caller's write transaction. */
export async function upsertCadres(
  connection: DuckDBConnection,
  cadres: readonly CadreRecord[],
  now: Date = new Date(),
): Promise<{ inserted: number; updated: number }> {
  if (cadres.length === 0) return { inserted: 0, updated: 0 };
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE cadre_batch (
       cadre_id VARCHAR, name VARCHAR, village_code VARCHAR, region VARCHAR, active BOOLEAN)`,
  );
  const appender = await connection.createAppender('cadre_batch', 'main', 'temp');
  for (const cadre of cadres) {
    appender.appendVarchar(cadre.cadre_id);
    appender.appendVarchar(cadre.name);
    appender.appendVarchar(cadre.village_code);
    if (cadre.region === null) appender.appendNull();
    else appender.appendVarchar(cadre.region);
    appender.appendBoolean(cadre.active);
    appender.endRow();
  }
  appender.closeSync();
  // The last row wins when a roster names a cadre twice.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE cadre_batch AS
     SELECT * FROM cadre_batch QUALIFY row_number() OVER (PARTITION BY cadre_id ORDER BY rowid DESC) = 1`,
  );
  const existing = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER FROM cadres WHERE cadre_id IN (SELECT cadre_id FROM cadre_batch)`,
  );
  const updated = Number(existing.getRowsJS()[0]?.[0] ?? 0);
  await connection.run(
    `INSERT OR REPLACE INTO cadres
     SELECT cadre_id, name, village_code, region, active, $1::TIMESTAMPTZ FROM cadre_batch`,
    [now.toISOString()],
  );
  const total = Number(
    (
      await connection.runAndReadAll('SELECT count(*)::INTEGER FROM cadre_batch')
    ).getRowsJS()[0]?.[0],
  );
  return { inserted: total - updated, updated };
}
