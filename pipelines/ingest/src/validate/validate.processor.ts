// Turns the records of a validate job into submissions: validated, scored, or rejected with reasons.
import {
  scoreReport,
  validateCsvRow,
  validateReport,
  type ValidationContext,
  type ValidationResult,
} from '@pantau/domain';
import type { Submission, SubmissionMeta } from '@pantau/warehouse';
import type { BatchJob, SourceRecord } from './validate.job';

function toSubmission(
  meta: SubmissionMeta,
  result: ValidationResult,
  payload: () => unknown,
): Submission {
  if (!result.ok) return { ...meta, valid: false, errors: result.errors, payload: payload() };
  return {
    ...meta,
    valid: true,
    report: result.report,
    scores: scoreReport(result.report.indicators),
  };
}

/** The record's validation, and (only needed when rejected) the payload to keep for lineage. */
function validateRecord(
  record: SourceRecord,
  header: readonly string[] | undefined,
  context: ValidationContext,
): { result: ValidationResult; payload: () => unknown } {
  if ('cells' in record) {
    const columns = header ?? [];
    return {
      result: validateCsvRow(columns, record.cells, context),
      payload: () => Object.fromEntries(columns.map((name, i) => [name, record.cells[i] ?? ''])),
    };
  }
  if ('text' in record) {
    let value: unknown;
    try {
      value = JSON.parse(record.text);
    } catch (error) {
      const message = `is not valid JSON: ${(error as Error).message}`;
      return {
        result: {
          ok: false,
          errors: [{ field: 'line', value: record.text.slice(0, 100), message }],
        },
        payload: () => record.text,
      };
    }
    return { result: validateReport(value, context), payload: () => value };
  }
  return { result: validateReport(record.value, context), payload: () => record.value };
}

/** Validates every record of a batch job (an import chunk or an API request). */
export function validateBatch(job: BatchJob, context: ValidationContext): Submission[] {
  return job.records.map((record) => {
    const { result, payload } = validateRecord(record, job.header, context);
    const meta: SubmissionMeta = {
      submission_id: `${job.source_id}:${record.line}`,
      source: job.source,
      source_id: job.source_id,
      line: record.line,
      received_at: job.received_at,
    };
    return toSubmission(meta, result, payload);
  });
}

/** Validates a third-party job: one report; the job id identifies the submission. */
export function validateQueuedReport(
  job: { id: string; timestamp: number; data: unknown },
  context: ValidationContext,
): Submission {
  // Redis may lose its id counter (no persistence); the timestamp keeps the id unique anyway.
  const sourceId = `job-${job.id}-${job.timestamp}`;
  const meta: SubmissionMeta = {
    submission_id: `${sourceId}:1`,
    source: 'queue',
    source_id: sourceId,
    line: 1,
    // The time the producer added the job: fixed, so retries record the same submission.
    received_at: new Date(job.timestamp).toISOString(),
  };
  return toSubmission(meta, validateReport(job.data, context), () => job.data);
}
