// What the loader did lately: submissions loaded in a recent window by outcome, and the last load.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { codeInside, parentColumn } from './scope';

export interface LoadSummaryQuery {
  /** Area whose villages to count (null: the whole country); not a village. */
  parent: string | null;
  /** The window ends here, so a test can pin it. */
  now: Date;
  minutes: number;
}

export interface LoadSummary {
  /** Submissions loaded in the window, by the outcome they have now. */
  imported: number;
  updated: number;
  ignored: number;
  rejected: number;
  /** When a report was last stored (imported or updated) in scope; null when none ever was. */
  last_loaded_at: Date | null;
}

/**
 * Counts the submissions loaded in the `minutes` up to `now` (accepted = imported + updated)
 * and finds the last load of a report. Inside a parent, submissions count by the village they
 * name, so a rejection without a known village counts only nationally.
 */
export async function getLoadSummary(
  db: Kysely<Database>,
  query: LoadSummaryQuery,
): Promise<LoadSummary> {
  const since = new Date(query.now.getTime() - query.minutes * 60_000).toISOString();
  const until = query.now.toISOString();
  const column = parentColumn(query.parent);
  // Submissions are appended in load order, so the loaded_at range skips all but the newest
  // row groups; the last load comes from reports, whose ancestor columns filter a scope cheaply.
  const [counts, last] = await Promise.all([
    sql<Omit<LoadSummary, 'last_loaded_at'>>`
      SELECT count(*) FILTER (WHERE outcome = 'imported')::INTEGER AS imported,
             count(*) FILTER (WHERE outcome = 'updated')::INTEGER AS updated,
             count(*) FILTER (WHERE outcome = 'ignored')::INTEGER AS ignored,
             count(*) FILTER (WHERE outcome = 'rejected')::INTEGER AS rejected
      FROM submissions
      WHERE loaded_at > ${since}::TIMESTAMPTZ AND loaded_at <= ${until}::TIMESTAMPTZ
        AND ${codeInside(sql.ref('village_code'), query.parent)}`.execute(db),
    sql<{ last_loaded_at: Date | null }>`
      SELECT max(loaded_at) AS last_loaded_at FROM reports
      ${column ? sql`WHERE ${sql.ref(column)} = ${query.parent}` : sql``}`.execute(db),
  ]);
  const row = counts.rows[0];
  return {
    imported: row?.imported ?? 0,
    updated: row?.updated ?? 0,
    ignored: row?.ignored ?? 0,
    rejected: row?.rejected ?? 0,
    last_loaded_at: last.rows[0]?.last_loaded_at ?? null,
  };
}
