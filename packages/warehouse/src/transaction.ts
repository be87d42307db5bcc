// The one way to run a DuckDB transaction: BEGIN, the work, then COMMIT (or ROLLBACK on error).
// What mirrors the transaction's writes in memory registers an end hook, to be kept on commit
// and dropped on rollback.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface TransactionOptions {
  /** Undo the work even when it succeeds (a dry run). */
  rollback?: boolean;
}

type EndHook = (committed: boolean) => void;

const endHooks = new WeakMap<DuckDBConnection, EndHook[]>();

/** Runs `hook` when the transaction open on `connection` ends, saying whether it committed. */
export function onTransactionEnd(connection: DuckDBConnection, hook: EndHook): void {
  const hooks = endHooks.get(connection);
  if (hooks) hooks.push(hook);
  else endHooks.set(connection, [hook]);
}

function endTransaction(connection: DuckDBConnection, committed: boolean): void {
  const hooks = endHooks.get(connection) ?? [];
  endHooks.delete(connection);
  for (const hook of hooks) hook(committed);
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
    endTransaction(connection, false);
    await connection.run('ROLLBACK');
    throw error;
  }
  try {
    await connection.run(options.rollback ? 'ROLLBACK' : 'COMMIT');
  } catch (error) {
    endTransaction(connection, false);
    throw error;
  }
  endTransaction(connection, !options.rollback);
  return result;
}
