// The ingest CLI's text output: an import's DHIS2-style summary, and the failed jobs.
import type { ApiV1, ImportDetail } from '@pantau/api/client';
import type { InferResponseType } from 'hono/client';
import { DRY_RUN_ERRORS_KEPT } from '@pantau/ingest';
import { formatCount } from '../progress';

export type FailedJobs = InferResponseType<ApiV1['pipeline']['failed']['$get'], 200>;
export type FailedJob = FailedJobs['jobs'][number];

const out = (line = '') => process.stdout.write(`${line}\n`);

export function printImportSummary(detail: ImportDetail, took: string): void {
  const dryRun = detail.dry_run;
  out(
    `${dryRun ? 'Dry run' : 'Import'} ${detail.import_id} (${detail.filename}): ${detail.status} in ${took}`,
  );
  out(`  read as   ${detail.format}${detail.dialect ? ` (${detail.dialect} dialect)` : ''}`);
  if (detail.error) out(`  error: ${detail.error}`);
  const width = formatCount(detail.rows ?? 0).length;
  for (const key of ['rows', 'imported', 'updated', 'ignored', 'rejected'] as const) {
    out(`  ${key.padEnd(9)} ${formatCount(detail[key] ?? 0).padStart(width)}`);
  }
  if (dryRun) out('  (dry run: nothing was written)');
  if (detail.errors_total === 0) return;
  const kept = dryRun && detail.errors_total >= DRY_RUN_ERRORS_KEPT ? ' kept by the dry run' : '';
  out(
    `Rejections (first ${Math.min(detail.errors.length, detail.errors_total)} of ${formatCount(detail.errors_total)}${kept}):`,
  );
  for (const e of detail.errors) {
    const id = e.report_id ? ` (${e.report_id})` : '';
    out(`  line ${e.line}${id}: ${e.field} ${JSON.stringify(e.value)}: ${e.message}`);
  }
}

export function printFailedJobs(
  jobs: readonly FailedJob[],
  importId: string | undefined,
  retried: number | null,
): void {
  out(`${jobs.length} failed job(s)${importId ? ` of import ${importId}` : ''}`);
  for (const job of jobs) {
    out(`  ${job.queue} ${job.job_id} after ${job.attempts_made} attempt(s): ${job.failed_reason}`);
  }
  if (retried !== null) out(`retried ${retried} job(s)`);
}
