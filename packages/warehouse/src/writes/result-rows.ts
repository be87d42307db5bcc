// A query's rows read from its materialized result, chunk by chunk: `run` already holds them, and
// a reader's `readAll` would fetch each chunk with one more call that resolves on the event loop.
import type { DuckDBMaterializedResult, DuckDBValue } from '@duckdb/node-api';

export function resultRows(result: DuckDBMaterializedResult): DuckDBValue[][] {
  const rows: DuckDBValue[][] = [];
  for (let c = 0; c < result.chunkCount; c++) rows.push(...result.getChunk(c).getRows());
  return rows;
}
