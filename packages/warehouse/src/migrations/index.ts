// Numbered migrations, applied in order at open, each exactly once.
import type { DuckDBConnection } from '@duckdb/node-api';
import * as initial from './001-initial';
import * as apiTokens from './002-api-tokens';
import * as submissionIds from './003-submission-ids';
import { inTransaction } from '../transaction';
import * as audit from './004-audit';
import * as areaSums from './007-area-sums';
import * as qualityFlags from './008-quality-flags';
import * as importDialect from './009-import-dialect';
import * as villageIndexes from './010-village-indexes';
import * as cadreVillageIndex from './011-cadre-village-index';
import * as dirtyFlagScopes from './012-dirty-flag-scopes';

const MIGRATIONS: readonly { version: number; name: string; statements: readonly string[] }[] = [
  { version: 1, name: 'initial', ...initial },
  { version: 2, name: 'api-tokens', ...apiTokens },
  { version: 3, name: 'submission-ids', ...submissionIds },
  { version: 4, name: 'audit', ...audit },
  { version: 7, name: 'area-sums', ...areaSums },
  { version: 8, name: 'quality-flags', ...qualityFlags },
  { version: 9, name: 'import-dialect', ...importDialect },
  { version: 10, name: 'village-indexes', ...villageIndexes },
  { version: 11, name: 'cadre-village-index', ...cadreVillageIndex },
  { version: 12, name: 'dirty-flag-scopes', ...dirtyFlagScopes },
];

export async function migrate(connection: DuckDBConnection): Promise<number[]> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
  );
  const done = await connection.runAndReadAll('SELECT version FROM schema_migrations');
  const applied = new Set(done.getRowsJS().map(([version]) => Number(version)));
  const ran: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await inTransaction(connection, async () => {
      for (const statement of migration.statements) await connection.run(statement);
      await connection.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
    });
    ran.push(migration.version);
  }
  return ran;
}
