// The natural-key rules as the loader applied them until decisions moved into memory: every
// decision made in SQL against the stored tables. Kept as the reference that decide-outcomes.ts
// must agree with (apply-submissions.differential.test.ts), with the two rule changes since:
// report ids are the village's own, and rejected rows take no part in report_id ranks.
import {
  DuckDBTimestampTZValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { INDICATORS, PILLAR_CODES } from '@pantau/domain';
import { INDICATOR_COLUMNS_DDL, PILLAR_COLUMNS_DDL } from '../catalogue-columns';
import type { Outcome } from '../schema';
import type { RejectedRow, SubmissionBatch, ValidRow } from '../writes/submission-batch';

interface SubmissionOutcome {
  submission_id: string;
  outcome: Outcome;
  reason: string | null;
}

interface ApplyResult {
  /** Outcome of every submission applied now, in input order (retried ones left out). */
  outcomes: SubmissionOutcome[];
  /** Submissions already recorded by an earlier attempt, skipped. */
  skipped: number;
  /** Earlier submissions that a row of the same source replaced: they are now `ignored`. */
  superseded: { submission_id: string; source_id: string; was: 'imported' | 'updated' }[];
  /** Periods and districts whose reports changed. */
  touched: { period: string; district_code: string }[];
}

const PILLARS_SQL = PILLAR_CODES.join(', ');
const INDICATORS_SQL = INDICATORS.map((i) => i.code).join(', ');

const BATCH_DDL = `
  seq INTEGER, submission_id VARCHAR, source VARCHAR, source_id VARCHAR, line INTEGER,
  received_at TIMESTAMPTZ, valid BOOLEAN, report_id VARCHAR, cadre_id VARCHAR,
  village_code VARCHAR, period VARCHAR, submitted_at TIMESTAMPTZ, on_time BOOLEAN, notes VARCHAR,
  ${PILLAR_COLUMNS_DDL}, dci DOUBLE, stage TINYINT, errors VARCHAR, payload VARCHAR,
  ${INDICATOR_COLUMNS_DDL}`;

/** Rows appended between yields to the event loop (about 20 ms of work). */
const APPEND_SLICE_ROWS = 2_500;

/** Rejected payloads keep these fields, when they are strings, for lineage by village. */
const LINEAGE_FIELD_MAX = 64;

function timestampTz(epochMs: number): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(epochMs) * 1000n);
}

function field(payload: unknown, name: string): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.slice(0, LINEAGE_FIELD_MAX) : null;
}

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendValues(
  appender: DuckDBAppender,
  values: readonly (number | boolean | null)[],
): void {
  for (const value of values) {
    if (value === null) appender.appendNull();
    else if (typeof value === 'boolean') appender.appendBoolean(value);
    else appender.appendDouble(value);
  }
}

function appendNulls(appender: DuckDBAppender, count: number): void {
  for (let i = 0; i < count; i++) appender.appendNull();
}

/** Appends one batch's rows to the staging table; returns the next sequence number. */
function appendBatch(appender: DuckDBAppender, batch: SubmissionBatch, firstSeq: number): number {
  let seq = firstSeq;
  const received = timestampTz(Date.parse(batch.received_at));
  const start = (line: number, valid: boolean) => {
    appender.appendInteger(seq++);
    appender.appendVarchar(`${batch.source_id}:${line}`);
    appender.appendVarchar(batch.source);
    appender.appendVarchar(batch.source_id);
    appender.appendInteger(line);
    appender.appendTimestampTZ(received);
    appender.appendBoolean(valid);
  };
  for (const row of batch.valid) {
    const [
      line,
      reportId,
      cadreId,
      village,
      period,
      submittedMs,
      onTime,
      notes,
      values,
      pillars,
      dci,
      stage,
    ] = row satisfies ValidRow;
    start(line, true);
    appender.appendVarchar(reportId);
    appendText(appender, cadreId);
    appender.appendVarchar(village);
    appender.appendVarchar(period);
    appender.appendTimestampTZ(timestampTz(submittedMs));
    appender.appendBoolean(onTime);
    appendText(appender, notes);
    appendValues(appender, pillars);
    appender.appendDouble(dci);
    appender.appendTinyInt(stage);
    appendNulls(appender, 2); // errors, payload
    appendValues(appender, values);
    appender.endRow();
  }
  for (const row of batch.rejected) {
    const [line, errors, payload] = row satisfies RejectedRow;
    start(line, false);
    appendText(appender, field(payload, 'report_id'));
    appendText(appender, field(payload, 'cadre_id'));
    appendText(appender, field(payload, 'village_code'));
    appendText(appender, field(payload, 'period'));
    appendNulls(appender, 3 + PILLAR_CODES.length + 2); // submitted_at … stage
    appender.appendVarchar(JSON.stringify(errors));
    appender.appendVarchar(JSON.stringify(payload) ?? 'null');
    appendNulls(appender, INDICATORS.length);
    appender.endRow();
  }
  return seq;
}

async function rows<T>(
  connection: DuckDBConnection,
  sql: string,
  values: (string | number)[] = [],
) {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRowObjectsJS() as T[];
}

/**
 * Natural-key decisions for one round (at most one source per village and period): new keys
 * are imported; a later submitted_at than the stored report's updates it; within the same
 * source the latest submitted_at wins, the earliest line among equals; anything else is ignored.
 */
async function applyRound(connection: DuckDBConnection, round: number, loadedAt: string) {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE decision AS
     SELECT c.seq, c.line, r.village_code IS NOT NULL AS stored, r.source_id = c.source_id AS same_source,
            r.submission_id AS old_submission_id, r.received_at AS old_received_at,
            r.first_submitted_at AS old_first_submitted_at, r.on_time AS old_on_time,
            r.outcome AS old_outcome,
            CASE
              WHEN r.village_code IS NULL THEN 'imported'
              WHEN r.source_id = c.source_id
                   AND (c.submitted_at > r.submitted_at
                        OR (c.submitted_at = r.submitted_at AND c.line < r.line)) THEN r.outcome
              WHEN r.source_id <> c.source_id AND c.submitted_at > r.submitted_at THEN 'updated'
              ELSE 'ignored'
            END AS outcome,
            CASE
              WHEN r.source_id = c.source_id THEN concat('superseded by line ', r.line, ' of the same source')
              ELSE concat('not newer than the stored report ', r.report_id)
            END AS ignored_reason
     FROM candidates c
     LEFT JOIN reports r ON r.village_code = c.village_code AND r.period = c.period
     WHERE c.round = $1 AND c.rank_in_source = 1`,
    [round],
  );
  await connection.run(
    `INSERT INTO decided
     SELECT seq, outcome, CASE WHEN outcome = 'ignored' THEN ignored_reason END FROM decision`,
  );
  const [replaced] = await rows<{ n: number; same_source: number }>(
    connection,
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE same_source)::INTEGER AS same_source
     FROM decision WHERE stored AND outcome <> 'ignored'`,
  );
  let superseded: ApplyResult['superseded'] = [];
  if (replaced && replaced.n > 0) {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE replacing AS
       SELECT b.village_code, b.period, b.submission_id
       FROM decision d JOIN batch b USING (seq) WHERE d.stored AND d.outcome <> 'ignored'`,
    );
    await connection.run(
      `INSERT INTO report_history BY NAME
       SELECT r.*, $1::TIMESTAMPTZ AS replaced_at, x.submission_id AS replaced_by
       FROM reports r JOIN replacing x USING (village_code, period)`,
      [loadedAt],
    );
    await connection.run(
      `DELETE FROM reports WHERE (village_code, period) IN (SELECT village_code, period FROM replacing)`,
    );
  }
  if (replaced && replaced.same_source > 0) {
    // The stored row's submission lost its place to a row of the same source.
    await connection.run(
      `UPDATE submissions
       SET outcome = 'ignored', reason = concat('superseded by line ', d.line, ' of the same source')
       FROM decision d
       WHERE d.stored AND d.same_source AND d.outcome <> 'ignored'
         AND submissions.received_at = d.old_received_at
         AND submissions.submission_id = d.old_submission_id`,
    );
    superseded = await rows(
      connection,
      `SELECT d.old_submission_id AS submission_id, b.source_id, d.old_outcome AS was
       FROM decision d JOIN batch b USING (seq)
       WHERE d.stored AND d.same_source AND d.outcome <> 'ignored'`,
    );
  }
  await connection.run(
    `INSERT INTO reports BY NAME
     SELECT b.village_code, b.period, b.report_id, b.cadre_id, b.submission_id, b.source_id, b.line,
            d.outcome, b.submitted_at,
            least(coalesce(d.old_first_submitted_at, b.submitted_at), b.submitted_at) AS first_submitted_at,
            coalesce(d.old_on_time, false) OR b.on_time AS on_time,
            b.received_at, $1::TIMESTAMPTZ AS loaded_at, b.notes, ${PILLARS_SQL}, b.dci, b.stage,
            p.region_code, p.code AS province_code, left(b.village_code, 5) AS regency_code,
            left(b.village_code, 8) AS district_code, ${INDICATORS_SQL}
     FROM decision d
     JOIN batch b USING (seq)
     -- Ancestors are prefixes of a village code; only the region needs a lookup, by province.
     JOIN (SELECT code, region_code FROM areas WHERE level = 'province') p
       ON p.code = left(b.village_code, 2)
     WHERE d.outcome <> 'ignored'`,
    [loadedAt],
  );
  return superseded;
}

/**
 * Applies batches of submissions in the caller's write transaction, recording every outcome.
 * Batches apply in order (a batch's rows before the next one's). Idempotent: submissions an
 * earlier attempt already recorded (a retried job) are skipped.
 */
export async function applyWithSql(
  connection: DuckDBConnection,
  batches: readonly SubmissionBatch[],
  loadedAt: Date = new Date(),
): Promise<ApplyResult> {
  if (batches.every((b) => b.valid.length + b.rejected.length === 0)) {
    return { outcomes: [], skipped: 0, superseded: [], touched: [] };
  }
  const loaded = loadedAt.toISOString();

  await connection.run(`CREATE OR REPLACE TEMP TABLE batch (${BATCH_DDL})`);
  const appender = await connection.createAppender('batch', 'main', 'temp');
  let seq = 0;
  let sinceYield = 0;
  for (const batch of batches) {
    seq = appendBatch(appender, batch, seq);
    sinceYield += batch.valid.length + batch.rejected.length;
    // The Appender is synchronous: let the API serve requests between slices of a big batch.
    if (sinceYield >= APPEND_SLICE_ROWS) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  appender.closeSync();

  // Retries: drop what an earlier attempt recorded (received_at keeps the scan to recent data).
  const retried = await connection.run(
    `DELETE FROM batch WHERE submission_id IN (
       SELECT s.submission_id FROM submissions s
       WHERE s.received_at BETWEEN (SELECT min(received_at) FROM batch)
                               AND (SELECT max(received_at) FROM batch))`,
  );

  // Decisions that need no natural key: invalid rows, and report_ids used before. Rows of one
  // source that share a report_id *and* a key are left to the key rules (a duplicated row, a
  // correction), which do not depend on the order chunks arrive in.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE decided AS
     SELECT seq,
            CASE WHEN NOT valid THEN 'rejected' ELSE 'ignored' END AS outcome,
            CASE WHEN NOT valid THEN NULL
                 WHEN rid_stored THEN 'report_id already stored'
                 ELSE concat('report_id repeats line ', rid_first_line) END AS reason
     FROM (
       SELECT seq, valid,
              dense_rank() OVER rid AS rid_rank,
              first_value(key_first_line) OVER rid AS rid_first_line,
              EXISTS (SELECT 1 FROM reports r
                      WHERE r.village_code = k.village_code AND r.report_id = k.report_id
                        AND NOT (r.source_id = k.source_id AND r.period = k.period)) AS rid_stored
       FROM (
         SELECT *,
                min(seq) FILTER (WHERE valid) OVER (PARTITION BY source_id) AS source_seq,
                min(line) FILTER (WHERE valid)
                  OVER (PARTITION BY report_id, source_id, village_code, period) AS key_first_line
         FROM batch
       ) k
       WINDOW rid AS (PARTITION BY valid, village_code, report_id ORDER BY source_seq, key_first_line)
     )
     WHERE NOT valid OR rid_rank > 1 OR rid_stored`,
  );
  // The rest compete by natural key; rows of different sources for one key go in arrival order,
  // one round each, so a batch gives the same result as its sources applied one after another.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE candidates AS
     SELECT seq, source_id, village_code, period, line, submitted_at,
            dense_rank() OVER (PARTITION BY village_code, period ORDER BY first_seq) AS round,
            row_number() OVER k AS rank_in_source,
            first_value(line) OVER k AS winner_line
     FROM (
       SELECT b.*, min(b.seq) OVER (PARTITION BY b.source_id) AS first_seq
       FROM batch b ANTI JOIN decided d USING (seq)
     )
     WINDOW k AS (PARTITION BY village_code, period, source_id ORDER BY submitted_at DESC, line, seq)`,
  );
  await connection.run(
    `INSERT INTO decided
     SELECT seq, 'ignored', concat('superseded by line ', winner_line, ' of the same source')
     FROM candidates WHERE rank_in_source > 1`,
  );
  const [{ rounds } = { rounds: 0 }] = await rows<{ rounds: number | null }>(
    connection,
    'SELECT max(round)::INTEGER AS rounds FROM candidates',
  );
  const superseded: ApplyResult['superseded'] = [];
  for (let round = 1; round <= (rounds ?? 0); round++) {
    superseded.push(...(await applyRound(connection, round, loaded)));
  }

  await connection.run(
    `INSERT INTO submissions
     SELECT b.submission_id, b.source, b.source_id, b.line, b.report_id, b.cadre_id, b.village_code,
            b.period, b.submitted_at, b.received_at, $1::TIMESTAMPTZ, d.outcome, d.reason, b.errors,
            b.payload
     FROM batch b JOIN decided d USING (seq)`,
    [loaded],
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE touched AS
     SELECT DISTINCT b.period, left(b.village_code, 8) AS district_code
     FROM batch b JOIN decided d USING (seq) WHERE d.outcome IN ('imported', 'updated')`,
  );
  await connection.run(
    `INSERT INTO dirty_scopes SELECT period, district_code FROM touched;
     INSERT INTO dirty_flag_scopes SELECT period, district_code FROM touched`,
  );
  const touched = await rows<{ period: string; district_code: string }>(
    connection,
    'SELECT period, district_code FROM touched ORDER BY period, district_code',
  );
  const outcomes = await rows<SubmissionOutcome>(
    connection,
    `SELECT b.submission_id, d.outcome, d.reason FROM batch b JOIN decided d USING (seq) ORDER BY b.seq`,
  );
  return { outcomes, skipped: retried.rowsChanged, superseded, touched };
}
