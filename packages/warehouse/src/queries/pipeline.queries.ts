// Pipeline health from the lineage: loads per minute with their latency, rejections by reason.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export interface MinuteThroughput {
  minute: Date;
  imported: number;
  updated: number;
  ignored: number;
  rejected: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

/** Submissions loaded per minute over the last `minutes`, with received→loaded latency. */
export async function getThroughput(
  db: Kysely<Database>,
  query: { minutes: number; now: Date },
): Promise<MinuteThroughput[]> {
  const since = new Date(query.now.getTime() - query.minutes * 60_000).toISOString();
  const { rows } = await sql<MinuteThroughput>`
    SELECT date_trunc('minute', loaded_at) AS minute,
           count(*) FILTER (WHERE outcome = 'imported')::INTEGER AS imported,
           count(*) FILTER (WHERE outcome = 'updated')::INTEGER AS updated,
           count(*) FILTER (WHERE outcome = 'ignored')::INTEGER AS ignored,
           count(*) FILTER (WHERE outcome = 'rejected')::INTEGER AS rejected,
           quantile_cont(epoch_ms(loaded_at) - epoch_ms(received_at), 0.5) AS latency_p50_ms,
           quantile_cont(epoch_ms(loaded_at) - epoch_ms(received_at), 0.95) AS latency_p95_ms
    FROM submissions
    WHERE loaded_at >= ${since}::TIMESTAMPTZ
    GROUP BY minute ORDER BY minute`.execute(db);
  return rows;
}

export interface RejectionReason {
  field: string;
  message: string;
  count: number;
  example_value: unknown;
}

/** Rejection reasons, most frequent first (a rejected row counts once per reason). */
export async function listRejectionReasons(
  db: Kysely<Database>,
  query: { limit: number; since?: Date },
): Promise<RejectionReason[]> {
  const since = query.since
    ? sql`AND loaded_at >= ${query.since.toISOString()}::TIMESTAMPTZ`
    : sql``;
  const { rows } = await sql<RejectionReason & { example_value: string | null }>`
    SELECT e.field,
           -- messages that quote the value ("write 12.5") are grouped by their stable part
           regexp_replace(e.message, ',? write .*$| \\(.*\\)$', '') AS message,
           count(*)::INTEGER AS count,
           any_value(e.value)::VARCHAR AS example_value
    FROM submissions,
         unnest(from_json(errors, '[{"field":"VARCHAR","value":"JSON","message":"VARCHAR"}]')) AS t(e)
    WHERE outcome = 'rejected' ${since}
    GROUP BY ALL ORDER BY count DESC, e.field LIMIT ${query.limit}`.execute(db);
  return rows.map((row) => ({
    ...row,
    example_value: row.example_value === null ? null : (JSON.parse(row.example_value) as unknown),
  }));
}
