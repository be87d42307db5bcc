// Submissions as lineage: one submission by id, or a village's, each with its outcome and reasons.
import type { Kysely, QueryCreator } from 'kysely';
import type { Database, Outcome, SubmissionSource } from '../schema';

export interface SubmissionRecord {
  submission_id: string;
  source: SubmissionSource;
  source_id: string;
  line: number;
  report_id: string | null;
  village_code: string | null;
  period: string | null;
  submitted_at: Date | null;
  received_at: Date;
  loaded_at: Date;
  outcome: Outcome;
  reason: string | null;
  errors: { field: string; value: unknown; message: string }[] | null;
}

const COLUMNS = [
  'submission_id',
  'source',
  'source_id',
  'line',
  'report_id',
  'village_code',
  'period',
  'submitted_at',
  'received_at',
  'loaded_at',
  'outcome',
  'reason',
  'errors',
] as const;

function submissions(db: QueryCreator<Database>) {
  return db.selectFrom('submissions').select(COLUMNS);
}

function toRecord(
  row: Omit<SubmissionRecord, 'errors'> & { errors: string | null },
): SubmissionRecord {
  return {
    ...row,
    errors: row.errors === null ? null : (JSON.parse(row.errors) as SubmissionRecord['errors']),
  };
}

export async function getSubmission(
  db: Kysely<Database>,
  submissionId: string,
): Promise<SubmissionRecord | null> {
  const row = await submissions(db).where('submission_id', '=', submissionId).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** A village's submissions, newest first. */
export async function listVillageSubmissions(
  db: Kysely<Database>,
  village: string,
  limit: number,
): Promise<SubmissionRecord[]> {
  // Through the village_code index, as getVillageReports reads.
  const rows = await db
    .with(
      (cte) => cte('v').materialized(),
      (db) => submissions(db).where('village_code', '=', village),
    )
    .selectFrom('v')
    .selectAll()
    .orderBy('received_at', 'desc')
    .orderBy('line', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}
