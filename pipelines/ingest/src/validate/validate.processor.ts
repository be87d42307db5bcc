// Turns the records of a validate job into a packed batch: validated and scored, or rejected with reasons.
import {
  CSV_DIALECTS,
  scoreReport,
  validateCsvRow,
  validateReport,
  type ValidationContext,
  type CsvDialect,
  type ValidationResult,
  type VillageDirectory,
} from '@pantau/domain';
import { validRow, type SubmissionBatch } from '@pantau/warehouse';
import { parseCsvRecord } from '../imports/csv-parser';
import { MAX_RECORD_CHARS } from '../imports/record-limit';
import type { BatchJob, SourceRecord } from './validate.job';

/** Adds one record's outcome to the batch (rejected records keep their payload for lineage). */
function add(
  batch: SubmissionBatch,
  line: number,
  result: ValidationResult,
  payload: () => unknown,
) {
  if (result.ok)
    batch.valid.push(validRow(line, result.report, scoreReport(result.report.indicators)));
  else batch.rejected.push([line, result.errors, payload()]);
}

/** The record's validation, and (only needed when rejected) the payload to keep for lineage. */
function validateRecord(
  record: SourceRecord,
  header: readonly string[] | undefined,
  dialect: CsvDialect,
  context: ValidationContext,
): { result: ValidationResult; payload: () => unknown } {
  if ('oversized' in record) {
    const { length, head } = record.oversized;
    const message = `is longer than 1 MiB (${length.toLocaleString('en-US')} characters, at most ${MAX_RECORD_CHARS.toLocaleString('en-US')}): a report takes a few hundred`;
    return {
      result: { ok: false, errors: [{ field: 'line', value: head, message }] },
      payload: () => ({ oversized: { length, head } }),
    };
  }
  if ('csv' in record || 'cells' in record) {
    const columns = header ?? [];
    const { delimiter, decimal } = CSV_DIALECTS['csv' in record ? dialect : 'comma'];
    const cells = 'csv' in record ? parseCsvRecord(record.csv, delimiter) : record.cells;
    return {
      result: validateCsvRow(columns, cells, context, decimal),
      payload: () => Object.fromEntries(columns.map((name, i) => [name, cells[i] ?? ''])),
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
export function validateBatch(job: BatchJob, villages: VillageDirectory): SubmissionBatch {
  // The future is read from the moment the source arrived, whenever the job runs.
  const context: ValidationContext = {
    isVillage: villages.isVillage,
    receivedAt: Date.parse(job.received_at),
  };
  const dialect = job.dialect ?? 'comma';
  const batch: SubmissionBatch = {
    source: job.source,
    source_id: job.source_id,
    received_at: job.received_at,
    valid: [],
    rejected: [],
  };
  for (const record of job.records) {
    const { result, payload } = validateRecord(record, job.header, dialect, context);
    add(batch, record.line, result, payload);
  }
  return batch;
}

/** Validates a third-party job: one report; the job id identifies the submission. */
export function validateQueuedReport(
  job: { id: string; timestamp: number; data: unknown },
  villages: VillageDirectory,
): SubmissionBatch {
  const context: ValidationContext = { isVillage: villages.isVillage, receivedAt: job.timestamp };
  const batch: SubmissionBatch = {
    source: 'queue',
    // Redis may lose its id counter (no persistence); the timestamp keeps the id unique anyway.
    source_id: `job-${job.id}-${job.timestamp}`,
    // The time the producer added the job: fixed, so retries record the same submission.
    received_at: new Date(job.timestamp).toISOString(),
    valid: [],
    rejected: [],
  };
  add(batch, 1, validateReport(job.data, context), () => job.data);
  return batch;
}
