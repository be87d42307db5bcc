// The bulk upsert: applies a transaction's batches of submissions with DESIGN.md's natural-key
// rules. Outcomes are decided in memory (decide-outcomes.ts); the writes are set-based.
//
// Steps, in order, and the temp tables each reads and writes:
//   1. skipRecorded     writes `incoming`          drops what an earlier attempt recorded
//   2. decideOutcomes   (memory)                   imported / updated / ignored / rejected
//   3. stageRows        writes `batch`             every submission with its decision
//   4. moveReplaced     reads `batch`              replaced reports → report_history
//   5. storeVersions    reads `batch`              new reports, and versions replaced within
//   6. supersede        writes `superseded`        earlier rows of a source that a later one beat
//   7. recordSubmissions reads `batch`             the lineage of every submission
//   8. markDirty        reads `batch`              scopes and reports whose aggregates are stale
//
// Steps 4–8 stage what they need, then their statements run together, in one call into DuckDB: each
// call resolves on the event loop of the API, busy with requests while live reports arrive, and a
// live transaction of twenty calls waited for it twenty times (on 1.8 M reports, 40 reports took
// 39 ms alone and 60 ms beside a loop busy half the time; in four calls, 32 and 43–46 ms).
import {
  DuckDBTimestampTZValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { INDICATORS, PILLAR_CODES, regionOfProvince, storableText } from '@pantau/domain';
import { INDICATOR_COLUMNS_DDL, PILLAR_COLUMNS_DDL } from '../catalogue-columns';
import type { Outcome } from '../schema';
import type { WriteContext } from '../warehouse';
import { yieldToEventLoop } from './event-loop';
import { decideOutcomes, type Decisions, type Version } from './decide-outcomes';
import { resultRows } from './result-rows';
import { periodLiterals, timestampLiteral } from './sql-literals';
import { storableJson } from './storable-json';
import { storeInSeries } from './village-series';
import {
  packSubmissions,
  submissionIds,
  type RejectedRow,
  type Submission,
  type SubmissionBatch,
  type ValidRow,
} from './submission-batch';

export interface SubmissionOutcome {
  submission_id: string;
  outcome: Outcome;
  reason: string | null;
}

export interface ApplyResult {
  /** Outcome of every submission applied now, in input order (retried ones left out). */
  outcomes: SubmissionOutcome[];
  /**
   * The input's batches as applied now: each less the submissions skipped, in input order (so
   * the i-th is the i-th batch given); `outcomes` follows their valid rows, then their rejected
   * ones, batch by batch.
   */
  batches: SubmissionBatch[];
  /** Submissions already recorded by an earlier attempt (or repeated in the input), skipped. */
  skipped: number;
  /** Earlier submissions that a row of the same source replaced: they are now `ignored`. */
  superseded: { submission_id: string; source_id: string; was: 'imported' | 'updated' }[];
  /** Periods and districts whose reports changed. */
  touched: { period: string; district_code: string }[];
  /**
   * Villages whose lineage was written: each village a submission applied now names (a rejected
   * one's as recorded), so their reports, replaced reports and submissions may have changed.
   */
  villages: string[];
}

/** What applying needs of the write transaction: the writer connection and the stored keys. */
export type ApplyContext = Pick<WriteContext, 'connection' | 'keys'>;

const PILLARS_SQL = PILLAR_CODES.join(', ');
const INDICATORS_SQL = INDICATORS.map((i) => i.code).join(', ');

/**
 * Times are staged as epoch milliseconds (exact in a DOUBLE) and made TIMESTAMPTZ in SQL
 * (`timestampOf`): the Appender takes a TIMESTAMPTZ only through a DuckDB value object made per
 * cell, about five times the cost of a number. The submission id is `source_id:line`, made in
 * SQL too.
 */
const BATCH_DDL = `
  seq INTEGER, source VARCHAR, source_id VARCHAR, line INTEGER,
  received_ms DOUBLE, report_id VARCHAR, cadre_id VARCHAR, village_code VARCHAR,
  period VARCHAR, submitted_ms DOUBLE, first_submitted_ms DOUBLE, on_time BOOLEAN,
  notes VARCHAR, ${PILLAR_COLUMNS_DDL}, dci DOUBLE, stage TINYINT, errors VARCHAR,
  payload VARCHAR, outcome VARCHAR, reason VARCHAR, version VARCHAR, replaced_by VARCHAR,
  moves BOOLEAN, region_code VARCHAR,
  ${INDICATOR_COLUMNS_DDL}`;

/** The temp tables every application stages in, made in one call. */
const STAGING_DDL = `
  CREATE OR REPLACE TEMP TABLE incoming (submission_id VARCHAR);
  CREATE OR REPLACE TEMP TABLE batch (${BATCH_DDL});
  CREATE OR REPLACE TEMP TABLE superseded
    (submission_id VARCHAR, received_at TIMESTAMPTZ, reason VARCHAR)`;

/** `15.02.02` of `15.02.02.2004`: a village's kecamatan is a prefix of its code. */
const DISTRICT_CODE_LENGTH = 8;

/** Rows appended between yields to the event loop (about 20 ms of work). */
const APPEND_SLICE_ROWS = 2_500;

/** Rejected payloads keep these fields, when they are strings, for lineage by village. */
const LINEAGE_FIELD_MAX = 64;

function timestampTz(epochMs: number): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(epochMs) * 1000n);
}

/** The TIMESTAMPTZ of a staged epoch-milliseconds column. */
function timestampOf(column: string): string {
  return `make_timestamptz(CAST(${column} * 1000 AS BIGINT))`;
}

/** A staged row's submission id, `source_id:line`. */
const SUBMISSION_ID_SQL = "concat(b.source_id, ':', b.line)";

function field(payload: unknown, name: string): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === 'string' ? storableText(value.slice(0, LINEAGE_FIELD_MAX)) : null;
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

/** Appends rows to a temp table through the Appender, yielding to the event loop in slices. */
async function appendRows<T>(
  connection: DuckDBConnection,
  table: string,
  items: Iterable<T>,
  append: (appender: DuckDBAppender, item: T) => void,
): Promise<void> {
  const appender = await connection.createAppender(table, 'main', 'temp');
  let sinceYield = 0;
  for (const item of items) {
    append(appender, item);
    appender.endRow();
    // The Appender is synchronous: let the API serve requests between slices of a big batch.
    if (++sinceYield >= APPEND_SLICE_ROWS) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  appender.closeSync();
}

/** The same submission twice in one call (a re-delivered chunk): only its first copy counts. */
function dropRepeats(batches: readonly SubmissionBatch[]): {
  batches: SubmissionBatch[];
  repeats: number;
} {
  const seen = new Set<string>();
  let repeats = 0;
  const keep = <R extends ValidRow | RejectedRow>(batch: SubmissionBatch, list: R[]) =>
    list.filter(([line]) => {
      const id = `${batch.source_id}:${line}`;
      if (seen.has(id)) {
        repeats++;
        return false;
      }
      seen.add(id);
      return true;
    });
  const unique = batches.map((b) => ({
    ...b,
    valid: keep(b, b.valid),
    rejected: keep(b, b.rejected),
  }));
  return { batches: unique, repeats };
}

/**
 * Step 1 (writes `incoming`): drops submissions an earlier attempt recorded (a retried or
 * re-delivered job). received_at bounds the scan of `submissions` to the sources' own rows.
 */
async function skipRecorded(
  connection: DuckDBConnection,
  batches: readonly SubmissionBatch[],
): Promise<{ batches: SubmissionBatch[]; skipped: number }> {
  await appendRows(connection, 'incoming', batches.flatMap(submissionIds), (appender, id) =>
    appender.appendVarchar(id),
  );
  const times = batches.map((b) => Date.parse(b.received_at));
  const recorded = await connection.run(
    `SELECT submission_id FROM submissions
     WHERE received_at BETWEEN ${timestampLiteral(new Date(Math.min(...times)))}
                           AND ${timestampLiteral(new Date(Math.max(...times)))}
       AND submission_id IN (SELECT submission_id FROM incoming)`,
  );
  if (recorded.rowCount === 0) return { batches: [...batches], skipped: 0 };
  const done = new Set(resultRows(recorded).map(([id]) => id as string));
  const fresh = <R extends ValidRow | RejectedRow>(batch: SubmissionBatch, list: R[]) =>
    list.filter(([line]) => !done.has(`${batch.source_id}:${line}`));
  return {
    batches: batches.map((b) => ({
      ...b,
      valid: fresh(b, b.valid),
      rejected: fresh(b, b.rejected),
    })),
    skipped: done.size,
  };
}

/** Step 3 (writes `batch`): every submission with its decision, in input order. */
async function stageRows(
  connection: DuckDBConnection,
  batches: readonly SubmissionBatch[],
  decisions: Decisions,
): Promise<void> {
  // Rows are numbered in input order; `batchOf` and `rowOf` locate each (a rejected row's as
  // -1 - its index): plain numbers per row, no object the collector must sweep.
  const total = batches.reduce((n, b) => n + b.valid.length + b.rejected.length, 0);
  const batchOf = new Int32Array(total);
  const rowOf = new Int32Array(total);
  const versionAt = batches.map((b) => new Array<Version | undefined>(b.valid.length));
  for (const v of decisions.versions) versionAt[v.batch]![v.row] = v;
  let n = 0;
  batches.forEach((batch, b) => {
    for (let r = 0; r < batch.valid.length; r++, n++) {
      batchOf[n] = b;
      rowOf[n] = r;
    }
    for (let r = 0; r < batch.rejected.length; r++, n++) {
      batchOf[n] = b;
      rowOf[n] = -1 - r;
    }
  });

  const received = batches.map((b) => Date.parse(b.received_at));
  await appendRows(connection, 'batch', batchOf.keys(), (appender, seq) => {
    const b = batchOf[seq]!;
    const r = rowOf[seq]!;
    const batch = batches[b]!;
    appender.appendInteger(seq);
    appender.appendVarchar(batch.source);
    appender.appendVarchar(batch.source_id);
    if (r >= 0) {
      const row = batch.valid[r]!;
      const [line, reportId, cadreId, village, period, submittedMs, onTime, notes, values] = row;
      const pillars = row[9];
      const dci = row[10];
      const stage = row[11];
      const version = versionAt[b]![r];
      const decision = decisions.valid[b]![r]!;
      appender.appendInteger(line);
      appender.appendDouble(received[b]!);
      appender.appendVarchar(reportId);
      appendText(appender, cadreId);
      appender.appendVarchar(village);
      appender.appendVarchar(period);
      appender.appendDouble(submittedMs);
      appender.appendDouble(version?.key.firstSubmittedMs ?? submittedMs);
      appender.appendBoolean(version?.key.onTime ?? onTime);
      appendText(appender, notes);
      appendValues(appender, pillars);
      appender.appendDouble(dci);
      appender.appendTinyInt(stage);
      appendNulls(appender, 2); // errors, payload
      appender.appendVarchar(decision.outcome);
      appendText(appender, decision.reason);
      appendText(appender, version ? (version.replacedBy ? 'replaced' : 'current') : null);
      appendText(appender, version?.replacedBy ?? null);
      appender.appendBoolean(version?.moves ?? false);
      appendText(appender, regionOfProvince(village.slice(0, 2)) ?? null);
      appendValues(appender, values);
    } else {
      const [line, errors, payload] = batch.rejected[-1 - r]!;
      appender.appendInteger(line);
      appender.appendDouble(received[b]!);
      appendText(appender, field(payload, 'report_id'));
      appendText(appender, field(payload, 'cadre_id'));
      appendText(appender, field(payload, 'village_code'));
      appendText(appender, field(payload, 'period'));
      appendNulls(appender, 4 + PILLAR_CODES.length + 2); // submitted_ms … stage
      appender.appendVarchar(storableJson(errors));
      appender.appendVarchar(storableJson(payload));
      appender.appendVarchar('rejected');
      appendNulls(appender, 5 + INDICATORS.length); // reason … region_code, indicators
    }
  });
}

/**
 * Step 4 (reads `batch`): the committed reports that staged rows replaced (`moves`) go to
 * report_history. Returns its statements.
 */
function moveReplaced(
  batches: readonly SubmissionBatch[],
  versions: Decisions['versions'],
  loadedAtSql: string,
): string[] {
  const moving = versions.filter((v) => v.moves);
  if (moving.length === 0) return [];
  // The periods inlined: both statements read only the row groups of the months replaced.
  const periods = periodLiterals(moving.map((v) => batches[v.batch]!.valid[v.row]![4]));
  return [
    `INSERT INTO report_history BY NAME
     SELECT r.*, ${loadedAtSql} AS replaced_at, ${SUBMISSION_ID_SQL} AS replaced_by
     FROM reports r JOIN batch b USING (village_code, period)
     WHERE b.moves AND r.period IN (${periods})`,
    `DELETE FROM reports
     WHERE period IN (${periods})
       AND (village_code, period) IN (SELECT village_code, period FROM batch WHERE moves)`,
  ];
}

/**
 * Step 5 (reads `batch`): the last version of each key becomes its report; a version that a
 * later row of the same transaction replaced goes straight to report_history. Its statements.
 */
function storeVersions(versions: Decisions['versions'], loadedAtSql: string): string[] {
  if (versions.length === 0) return [];
  const columns = `b.village_code, b.period, b.report_id, b.cadre_id,
    ${SUBMISSION_ID_SQL} AS submission_id, b.source_id, b.line, b.outcome,
    ${timestampOf('b.submitted_ms')} AS submitted_at,
    ${timestampOf('b.first_submitted_ms')} AS first_submitted_at, b.on_time,
    ${timestampOf('b.received_ms')} AS received_at,
    ${loadedAtSql} AS loaded_at, b.notes, ${PILLARS_SQL}, b.dci, b.stage, b.region_code,
    left(b.village_code, 2) AS province_code, left(b.village_code, 5) AS regency_code,
    left(b.village_code, 8) AS district_code, ${INDICATORS_SQL}`;
  // Ancestors are prefixes of a village code; the region is the province's (staged).
  const from = 'FROM batch b';
  const statements = [
    `INSERT INTO reports BY NAME SELECT ${columns} ${from} WHERE b.version = 'current'`,
  ];
  if (versions.some((v) => v.replacedBy !== null))
    statements.push(
      `INSERT INTO report_history BY NAME
       SELECT ${columns}, ${loadedAtSql} AS replaced_at, b.replaced_by ${from}
       WHERE b.version = 'replaced'`,
    );
  return statements;
}

/**
 * Step 6 (writes `superseded`): committed rows that a later row of their source replaced.
 * Returns its statement.
 */
async function supersede(
  connection: DuckDBConnection,
  superseded: Decisions['superseded'],
): Promise<string[]> {
  if (superseded.length === 0) return [];
  await appendRows(connection, 'superseded', superseded, (appender, s) => {
    appender.appendVarchar(s.submission_id);
    appender.appendTimestampTZ(timestampTz(Date.parse(s.received_at)));
    appender.appendVarchar(s.reason);
  });
  return [
    `UPDATE submissions SET outcome = 'ignored', reason = x.reason
     FROM superseded x
     WHERE submissions.received_at = x.received_at AND submissions.submission_id = x.submission_id`,
  ];
}

/** Step 7 (reads `batch`): every submission and its outcome, the lineage of every number. */
function recordSubmissions(loadedAtSql: string): string {
  return `INSERT INTO submissions
     SELECT ${SUBMISSION_ID_SQL}, source, source_id, line, report_id, cadre_id, village_code,
            period, ${timestampOf('submitted_ms')}, ${timestampOf('received_ms')},
            ${loadedAtSql}, outcome, reason, errors, payload
     FROM batch b ORDER BY seq`;
}

/** The villages the submissions of `batches` name, as `submissions` records them. */
function namedVillages(batches: readonly SubmissionBatch[]): string[] {
  const villages = new Set<string>();
  for (const batch of batches) {
    for (const row of batch.valid) villages.add(row[3]);
    for (const [, , payload] of batch.rejected) {
      const village = field(payload, 'village_code');
      if (village !== null) villages.add(village);
    }
  }
  return [...villages];
}

/** The scopes of the keys whose stored report changed, each once, in order. */
function touchedScopes(
  changed: readonly { village_code: string; period: string }[],
): ApplyResult['touched'] {
  const scopes = new Map<string, { period: string; district_code: string }>();
  for (const { village_code, period } of changed) {
    const district_code = village_code.slice(0, DISTRICT_CODE_LENGTH);
    scopes.set(`${period}|${district_code}`, { period, district_code });
  }
  return [...scopes.values()].sort(
    (a, b) => a.period.localeCompare(b.period) || a.district_code.localeCompare(b.district_code),
  );
}

/**
 * Step 8 (reads `batch`): the (period, kecamatan) scopes whose pre-aggregates are now stale, and
 * the changed reports whose quality flags are, marked dirty — every staged version's key. Area
 * scores and quality flags are refreshed apart, each clearing its own marks. Its statements.
 */
function markDirty(versions: Decisions['versions']): string[] {
  if (versions.length === 0) return [];
  const scopes = `SELECT DISTINCT period, left(village_code, ${DISTRICT_CODE_LENGTH})
     FROM batch WHERE version IS NOT NULL`;
  return [
    `INSERT INTO dirty_scopes ${scopes}`,
    `INSERT INTO dirty_flag_scopes ${scopes}`,
    `INSERT INTO dirty_reports
     SELECT DISTINCT village_code, period FROM batch WHERE version IS NOT NULL`,
  ];
}

/**
 * Applies batches of submissions in the caller's write transaction, recording every outcome.
 * Batches apply in order (a batch's rows before the next one's). Idempotent: submissions an
 * earlier attempt already recorded (a retried job) are skipped. The stored keys the decisions
 * read are updated in `tx.keys`, which the warehouse commits with the transaction.
 */
export async function applySubmissionBatches(
  tx: ApplyContext,
  input: readonly SubmissionBatch[],
  loadedAt: Date = new Date(),
): Promise<ApplyResult> {
  const { connection } = tx;
  const { batches: unique, repeats } = dropRepeats(input);
  if (unique.every((b) => b.valid.length + b.rejected.length === 0)) {
    return {
      outcomes: [],
      batches: unique,
      skipped: repeats,
      superseded: [],
      touched: [],
      villages: [],
    };
  }
  const loaded = timestampLiteral(loadedAt);
  await connection.run(STAGING_DDL);
  const { batches, skipped } = await skipRecorded(connection, unique);
  const decisions = decideOutcomes(batches, tx.keys);
  await stageRows(connection, batches, decisions);
  const statements = [
    ...moveReplaced(batches, decisions.versions, loaded),
    ...storeVersions(decisions.versions, loaded),
    ...(await supersede(connection, decisions.superseded)),
    recordSubmissions(loaded),
    ...markDirty(decisions.versions),
  ];
  await connection.run(statements.join(';\n'));
  // Each changed key's last version is the one stored: one per key.
  const stored = decisions.versions
    .filter((v) => v.replacedBy === null)
    .map((v) => {
      const [, , , village_code, period, , , , indicators] = batches[v.batch]!.valid[v.row]!;
      return { village_code, period, indicators };
    });
  storeInSeries(connection, stored);
  decisions.overlay.commit();

  const outcomes: SubmissionOutcome[] = [];
  batches.forEach((batch, b) => {
    batch.valid.forEach(([line], r) =>
      outcomes.push({ submission_id: `${batch.source_id}:${line}`, ...decisions.valid[b]![r]! }),
    );
    for (const [line] of batch.rejected)
      outcomes.push({
        submission_id: `${batch.source_id}:${line}`,
        outcome: 'rejected',
        reason: null,
      });
  });
  return {
    outcomes,
    batches,
    skipped: skipped + repeats,
    superseded: decisions.superseded.map(({ submission_id, source_id, was }) => ({
      submission_id,
      source_id,
      was,
    })),
    touched: touchedScopes(stored),
    villages: namedVillages(batches),
  };
}

/** Applies submissions (convenient form: packs them, then applies the batches). */
export async function applySubmissions(
  tx: ApplyContext,
  submissions: readonly Submission[],
  loadedAt: Date = new Date(),
): Promise<ApplyResult> {
  return applySubmissionBatches(tx, packSubmissions(submissions), loadedAt);
}
