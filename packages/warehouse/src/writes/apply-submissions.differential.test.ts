// The in-memory decisions against the SQL path they replaced (testing/sql-oracle.ts): the same
// random transactions — several sources per key, sources spread over transactions, retried
// batches, repeated report ids, ties — must leave the same outcomes and the same stored rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/random';
import { applyWithSql } from '../testing/sql-oracle';
import { rejectedSubmission, validSubmission } from '../testing/submissions.fixture';
import { openWarehouse, type Warehouse } from '../warehouse';
import { applySubmissionBatches } from './apply-submissions';
import { packSubmissions, submissionIds, type SubmissionBatch } from './submission-batch';

const VILLAGES = ['15.02.02.2004', '15.02.02.2024', '15.02.06.2026', '33.01.01.2001'];
const PERIODS = ['2023-01', '2023-02', '2023-03'];
const REPORT_IDS = ['r1', 'r2', 'r3', 'r4', 'r5'];
const DAYS = ['2023-03-20', '2023-03-21', '2023-03-22'];
const TRANSACTIONS = 120;

interface Source {
  id: string;
  receivedAt: string;
  nextLine: number;
}

/** One transaction: a few batches from old and new sources, some of them retried. */
function transaction(
  next: () => number,
  sources: Source[],
  earlier: SubmissionBatch[],
  n: number,
): SubmissionBatch[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const batches: SubmissionBatch[] = [];
  const count = 1 + Math.floor(next() * 4);
  for (let b = 0; b < count; b++) {
    if (earlier.length > 0 && next() < 0.15) {
      batches.push(pick(earlier)); // a retried job
      continue;
    }
    let source = sources.length > 0 && next() < 0.5 ? pick(sources) : undefined;
    if (!source) {
      source = {
        id: `src-${n}-${b}`,
        receivedAt: new Date(Date.UTC(2024, 0, 1, 0, n, b)).toISOString(),
        nextLine: 2,
      };
      sources.push(source);
    }
    const rows = 1 + Math.floor(next() * 10);
    const submissions = Array.from({ length: rows }, () => {
      const line = source.nextLine++;
      if (next() < 0.1) return { ...rejectedSubmission(source.id, line, { report_id: 'x' }) };
      return validSubmission({
        source_id: source.id,
        line,
        received_at: source.receivedAt,
        report_id: pick(REPORT_IDS),
        village_code: pick(VILLAGES),
        period: pick(PERIODS),
        submitted_at: `${pick(DAYS)}T09:00:00+07:00`,
      });
    });
    for (const s of submissions) s.received_at = source.receivedAt;
    batches.push(...packSubmissions(submissions));
  }
  if (next() < 0.1 && batches.length > 0) batches.push(batches[0]!); // delivered twice at once
  return batches;
}

/** The same submission twice in one call: today's SQL recorded it twice (the defect fixed). */
function withoutRepeats(batches: readonly SubmissionBatch[]): SubmissionBatch[] {
  const seen = new Set<string>();
  return batches.filter((b) => {
    const ids = submissionIds(b).join();
    if (seen.has(ids)) return false;
    seen.add(ids);
    return true;
  });
}

async function state(warehouse: Warehouse) {
  const reports = await warehouse.db
    .selectFrom('reports')
    .select([
      'village_code',
      'period',
      'report_id',
      'submission_id',
      'outcome',
      'first_submitted_at',
      'on_time',
    ])
    .orderBy('village_code')
    .orderBy('period')
    .execute();
  const history = await warehouse.db
    .selectFrom('report_history')
    .select(['village_code', 'period', 'submission_id', 'replaced_by'])
    .orderBy('submission_id')
    .orderBy('replaced_by')
    .execute();
  const submissions = await warehouse.db
    .selectFrom('submissions')
    .select(['submission_id', 'outcome', 'reason'])
    .orderBy('submission_id')
    .execute();
  const dirty = (table: 'dirty_scopes' | 'dirty_flag_scopes') =>
    warehouse.db
      .selectFrom(table)
      .select(['period', 'district_code'])
      .distinct()
      .orderBy('period')
      .orderBy('district_code')
      .execute();
  return {
    reports,
    history,
    submissions,
    dirty: await dirty('dirty_scopes'),
    dirtyFlags: await dirty('dirty_flag_scopes'),
  };
}

let memory: Warehouse;
let sql: Warehouse;

beforeAll(async () => {
  [memory, sql] = await Promise.all([
    openWarehouse({ dataDir: null }),
    openWarehouse({ dataDir: null }),
  ]);
});

afterAll(async () => {
  await Promise.all([memory.close(), sql.close()]);
});

describe('in-memory natural keys against the SQL path', () => {
  it('agree on 120 random transactions, with retries and repeats', async () => {
    const next = seededRandom(8);
    const sources: Source[] = [];
    const earlier: SubmissionBatch[] = [];
    for (let n = 0; n < TRANSACTIONS; n++) {
      const batches = transaction(next, sources, earlier, n);
      const loadedAt = new Date(Date.UTC(2024, 1, 1, 0, 0, n));
      const fast = await memory.write((tx) => applySubmissionBatches(tx, batches, loadedAt));
      const slow = await sql.write(({ connection }) =>
        applyWithSql(connection, withoutRepeats(batches), loadedAt),
      );
      expect({ n, outcomes: fast.outcomes }).toEqual({ n, outcomes: slow.outcomes });
      expect({ n, superseded: fast.superseded }).toEqual({ n, superseded: slow.superseded });
      earlier.push(...batches);
    }
    const [a, b] = await Promise.all([state(memory), state(sql)]);
    expect(a).toEqual(b);
    expect(a.reports.length).toBeGreaterThan(5);
    expect(a.history.length).toBeGreaterThan(5);
  }, 600_000);
});
