// The reports' measured values (the indicators quality flags judge) as the flag refresh reads
// them: SQL for them, and a query's result as columns, numeric ones as typed arrays.
import type { DuckDBConnection } from '@duckdb/node-api';
import { MEASURED_INDICATORS } from '@pantau/domain';

/** `2023-03` → its month number, in SQL (domain's monthNumber). */
export const monthOf = (period: string) =>
  `(CAST(left(${period}, 4) AS INTEGER) * 12 + CAST(right(${period}, 2) AS INTEGER) - 1)`;

export const MEASURED_SQL = MEASURED_INDICATORS.join(', ');
/** The measured values of `alias`'s rows as DOUBLE columns, a missing value as NaN. */
export const measuredValues = (alias: string) =>
  MEASURED_INDICATORS.map((code) => `coalesce(${alias}.${code}::DOUBLE, 'NaN')`).join(', ');

/**
 * A village's code as a number, its ten digits (`15.02.02.2004` → 1502022004): exact as a
 * DOUBLE, and read without a string per row.
 */
export const villageKey = (code: string) => `replace(${code}, '.', '')::DOUBLE`;

/** A village code's villageKey, in JS. */
export const villageKeyOf = (code: string) => Number(code.replaceAll('.', ''));

/** The village code of a villageKey. */
export function villageCode(key: number): string {
  const digits = String(key).padStart(10, '0');
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}

type ColumnKind = 'int' | 'double';
type Column<K extends ColumnKind> = K extends 'int' ? Int32Array : Float64Array;

/**
 * A query's INTEGER and DOUBLE columns as typed arrays, copied chunk by chunk (numeric vectors
 * expose their items as typed arrays: no value is made per row). They must hold no NULL.
 */
export async function readColumns<const K extends readonly ColumnKind[]>(
  connection: DuckDBConnection,
  sql: string,
  kinds: K,
): Promise<{ [I in keyof K]: Column<K[I]> }> {
  const result = await connection.run(sql);
  const rows = result.rowCount;
  const columns = kinds.map((kind) =>
    kind === 'int' ? new Int32Array(rows) : new Float64Array(rows),
  );
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    columns.forEach((column, k) =>
      column.set(
        (chunk.getColumnVector(k) as unknown as { items: ArrayLike<number> }).items,
        offset,
      ),
    );
    offset += chunk.rowCount;
  }
  return columns as { [I in keyof K]: Column<K[I]> };
}

/** Where each run of equal `keys` starts, and their end: [0, …, keys.length]. */
export function runStarts(keys: Int32Array): number[] {
  const starts = [0];
  for (let row = 1; row < keys.length; row++) if (keys[row] !== keys[row - 1]) starts.push(row);
  if (keys.length > 0) starts.push(keys.length);
  return starts;
}
