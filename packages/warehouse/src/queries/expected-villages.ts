// The villages expected to report (those with an active cadre), counted per area of a level.
import type { Level } from '@pantau/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { ancestorOf, codeInside, provinceJoin } from './scope';

/**
 * Rows `(code, expected)` for the areas of `level` inside `parent`. Codes nest by prefix, so
 * a cadre's village code alone gives its area at every level: no join with 83,763 villages.
 * A village counts once however many active cadres it has.
 */
export function expectedByArea(level: Level, parent: string | null): RawBuilder<unknown> {
  const village = sql.ref('c.village_code');
  return sql`(
    SELECT ${ancestorOf(level, village)} AS code, count(DISTINCT c.village_code)::INTEGER AS expected
    FROM cadres c ${provinceJoin(level, village)}
    WHERE c.active AND ${codeInside(village, parent)}
    GROUP BY 1)`;
}

interface Memo {
  fingerprint: string;
  byLevel: Map<Level, Promise<Map<string, number>>>;
}

const memos = new WeakMap<Kysely<Database>, Memo>();

/**
 * What the expected counts depend on: the active villages, as a count and a sum of hashes
 * (duplicates do not cancel, unlike XOR). It changes whenever the active set does.
 */
async function rosterFingerprint(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ n: number; h: string }>`
    SELECT count(*)::INTEGER AS n, coalesce(sum(hash(village_code)), 0)::VARCHAR AS h
    FROM cadres WHERE active`.execute(db);
  return `${rows[0]?.n}:${rows[0]?.h}`;
}

/**
 * Expected villages per area of `level`, by code, for the whole country. The roster changes
 * rarely while counting it anew costs ~20 ms at national scale (hashing 83,763 village codes),
 * so counts are kept per database and recounted only when the roster's fingerprint (~3 ms)
 * changes. The fingerprint is read before the counts, so a kept count is never older than it.
 */
export async function expectedCounts(
  db: Kysely<Database>,
  level: Level,
): Promise<Map<string, number>> {
  const fingerprint = await rosterFingerprint(db);
  let memo = memos.get(db);
  if (memo?.fingerprint !== fingerprint) {
    memo = { fingerprint, byLevel: new Map() };
    memos.set(db, memo);
  }
  let counts = memo.byLevel.get(level);
  if (!counts) {
    counts = sql<{ code: string; expected: number }>`SELECT * FROM ${expectedByArea(level, null)} e`
      .execute(db)
      .then(({ rows }) => new Map(rows.map((row) => [row.code, row.expected])));
    memo.byLevel.set(level, counts);
    const byLevel = memo.byLevel;
    // A failed count is retried by the next call rather than remembered.
    counts.catch(() => byLevel.delete(level));
  }
  return counts;
}
