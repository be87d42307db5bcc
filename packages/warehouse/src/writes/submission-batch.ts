// Submissions packed for the single writer: one source per batch, rows as arrays in catalogue order.
import {
  INDICATORS,
  isOnTime,
  PILLAR_CODES,
  type IndicatorValue,
  type ReportError,
  type ReportScores,
  type Stage,
  type ValidReport,
} from '@pantau/domain';
import type { SubmissionSource } from '../schema';

/** Where a submission came from; `submission_id` is `${source_id}:${line}` and never reused. */
export interface SubmissionMeta {
  submission_id: string;
  source: SubmissionSource;
  /** The import, API request or queue job the submission arrived in. */
  source_id: string;
  /** Line of the file (or position in the request) where the submission starts. */
  line: number;
  /** ISO time the submission reached Pantau; fixed for the life of the submission. */
  received_at: string;
}

/** One submission as the validate stage leaves it. */
export type Submission = SubmissionMeta &
  (
    | { valid: true; report: ValidReport; scores: ReportScores }
    | { valid: false; errors: ReportError[]; payload: unknown }
  );

/**
 * A valid row. Indicator values and pillar scores are arrays in catalogue order: a batch names
 * each field once, and the loader appends values without building an object per row.
 */
export type ValidRow = [
  line: number,
  report_id: string,
  cadre_id: string | null,
  village_code: string,
  period: string,
  submitted_at_ms: number,
  on_time: boolean,
  notes: string | null,
  indicators: (IndicatorValue | null)[],
  pillars: (number | null)[],
  dci: number,
  stage: Stage,
];

export type RejectedRow = [line: number, errors: ReportError[], payload: unknown];

/** The submissions of one source (an import chunk, an API request, a queue job). */
export interface SubmissionBatch {
  source: SubmissionSource;
  source_id: string;
  received_at: string;
  valid: ValidRow[];
  rejected: RejectedRow[];
}

/** The packed row of a validated, scored report. */
export function validRow(line: number, report: ValidReport, scores: ReportScores): ValidRow {
  const values = report.indicators as Record<string, IndicatorValue | undefined>;
  const submittedMs = Date.parse(report.submitted_at);
  return [
    line,
    report.report_id,
    report.cadre_id,
    report.village_code,
    report.period,
    submittedMs,
    isOnTime(report.period, submittedMs),
    report.notes,
    INDICATORS.map((i) => values[i.code] ?? null),
    PILLAR_CODES.map((p) => scores.pillars[p]),
    scores.dci,
    scores.stage,
  ];
}

/** Groups submissions by source into batches (one per source, in order of first appearance). */
export function packSubmissions(submissions: readonly Submission[]): SubmissionBatch[] {
  const batches = new Map<string, SubmissionBatch>();
  for (const s of submissions) {
    let batch = batches.get(s.source_id);
    if (!batch) {
      batch = {
        source: s.source,
        source_id: s.source_id,
        received_at: s.received_at,
        valid: [],
        rejected: [],
      };
      batches.set(s.source_id, batch);
    }
    if (s.valid) batch.valid.push(validRow(s.line, s.report, s.scores));
    else batch.rejected.push([s.line, s.errors, s.payload]);
  }
  return [...batches.values()];
}

/** Submission ids of a batch, in the order the loader appends them. */
export function submissionIds(batch: SubmissionBatch): string[] {
  return [...batch.valid, ...batch.rejected].map(([line]) => `${batch.source_id}:${line}`);
}
