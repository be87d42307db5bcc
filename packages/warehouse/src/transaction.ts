// The one way to run a DuckDB transaction: BEGIN, the work, then COMMIT (or ROLLBACK on error).
import type { DuckDBConnection } from '@duckdb/node-api';

export interface TransactionOptions {
  /** Undo the work even when it succeeds (a dry run). */
  rollback?: boolean;
}

export async function inTransaction<T>(
  connection: DuckDBConnection,
  work: () => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  await connection.run(options.rollback ? 'ROLLBACK' : 'COMMIT');
  return result;
}
