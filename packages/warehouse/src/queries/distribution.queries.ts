// How a score is distributed over the areas (or villages) of a scope: histogram and quantiles.
import type { Level } from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { scoreSource } from './score-source';
import type { Metric } from './scope';

/** Scores run from 0 to 100; bins split that range evenly, the last one closed at 100. */
const SCORE_MAX = 100;

export const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

export interface Distribution {
  count: number;
  mean: number | null;
  quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number } | null;
  bins: { from: number; to: number; count: number }[];
}

export interface DistributionQuery {
  level: Level;
  parent: string | null;
  period: string;
  metric: Metric;
  bins: number;
  /** From the reports as they stood at this moment (ISO timestamp) rather than now. */
  asOf?: string;
}

export async function getDistribution(
  db: Kysely<Database>,
  query: DistributionQuery,
): Promise<Distribution> {
  const metric = sql.ref(query.metric);
  const values = sql`(
    SELECT s.${metric} AS x
    FROM ${scoreSource(query.level, query.parent, { from: query.period, to: query.period }, query.asOf)} s
    WHERE s.${metric} IS NOT NULL)`;
  const width = SCORE_MAX / query.bins;
  // One pass over the values: count, mean, exact quantiles and the histogram together.
  const { rows } = await sql<{
    count: number;
    mean: number | null;
    q: number[] | null;
    /** DuckDB's MAP, as the dialect returns it: an array of entries. */
    bins: { key: number; value: number }[] | null;
  }>`
    SELECT count(*)::INTEGER AS count, avg(x) AS mean,
           quantile_cont(x, ${sql.raw(`[${QUANTILES.join(', ')}]`)}) AS q,
           histogram(least(floor(x / ${width})::INTEGER, ${query.bins - 1})) AS bins
    FROM ${values} v`.execute(db);
  const { count = 0, mean = null, q = null, bins = null } = rows[0] ?? {};
  const counts = new Map<number, number>();
  for (const { key, value } of bins ?? []) counts.set(Number(key), Number(value));
  return {
    count,
    mean,
    quantiles:
      q && count > 0 ? { p10: q[0]!, p25: q[1]!, p50: q[2]!, p75: q[3]!, p90: q[4]! } : null,
    bins: Array.from({ length: query.bins }, (_, bin) => ({
      from: bin * width,
      to: (bin + 1) * width,
      count: counts.get(bin) ?? 0,
    })),
  };
}
