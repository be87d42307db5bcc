// `npm run ingest -- <file> [--dry-run]`: imports a CSV/NDJSON/XLSX file through the API with progress.
import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import type { ImportError } from '@pantau/warehouse';
import { DRY_RUN_ERRORS_KEPT } from '../imports/dry-run-errors';
import { env } from '../env';
import { ProgressBar } from './progress-bar';

const USAGE = `Usage:
  npm run ingest -- <reports.csv|reports.ndjson|reports.xlsx> [--dry-run] [--api URL] [--token TOKEN]
  npm run ingest -- failed [--retry] [--import IMPORT_ID] [--api URL] [--token TOKEN]

Imports go through the running API (npm start), which owns the database. A .xlsx workbook is
read from its first sheet; a CSV separated by ';' (Excel set to Indonesian) is read with decimal commas.
--dry-run   validate and summarise without writing anything
--api       API base URL (default http://127.0.0.1:$API_PORT)
--token     engineer or admin token (default $ADMIN_TOKEN)
Exit code: 0 when every row was accepted, 1 when rows were rejected or the import failed, 2 on usage errors.`;

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const POLL_MS = 300;
const ERRORS_SHOWN = 20;

const out = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};
const number = (n: number) => n.toLocaleString('en-US');

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        retry: { type: 'boolean', default: false },
        import: { type: 'string' },
        api: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
})();

if (values.help || positionals.length !== 1) fail(USAGE, values.help ? 0 : 2);
const api = (values.api ?? `http://127.0.0.1:${env.API_PORT}`).replace(/\/$/, '');
const token =
  values.token ??
  env.ADMIN_TOKEN ??
  fail('No token: set ADMIN_TOKEN or pass --token (an engineer or admin token).');
const headers = { authorization: `Bearer ${token}` };

async function request<T>(path: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${api}/api/v1${path}`, {
      ...init,
      headers: { ...headers, ...init.headers },
    });
  } catch (error) {
    return fail(
      `Cannot reach the API at ${api} (${(error as Error).cause ?? (error as Error).message}). Is it running (npm start)?`,
      1,
    );
  }
  const body = (await res.json().catch(() => ({}))) as T & {
    error?: { message: string; details?: unknown[] };
  };
  if (!res.ok) {
    const details = body.error?.details?.map((d) => `  - ${JSON.stringify(d)}`).join('\n') ?? '';
    return fail(
      `${res.status}: ${body.error?.message ?? res.statusText}${details ? `\n${details}` : ''}`,
      1,
    );
  }
  return body;
}

interface ImportDetail {
  import_id: string;
  filename: string | null;
  format: string;
  dialect: string | null;
  status: string;
  rows: number | null;
  processed: number;
  imported: number;
  updated: number;
  ignored: number;
  rejected: number;
  error: string | null;
  dry_run: boolean;
  errors: ImportError[];
  errors_total: number;
}

async function importFile(path: string, dryRun: boolean): Promise<number> {
  const size = (() => {
    try {
      return statSync(path).size;
    } catch {
      return fail(`Cannot read ${path}: no such file`);
    }
  })();
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (!contentType) fail(`${path}: expected a .csv, .ndjson or .xlsx file`);

  const started = Date.now();
  const upload = new ProgressBar(dryRun ? 'upload (dry run)' : 'upload', 'MB');
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      upload.update(sent / 1e6, size / 1e6);
      done(null, chunk);
    },
  });
  const body = Readable.toWeb(createReadStream(path).pipe(counter)) as ReadableStream<Uint8Array>;
  const query = new URLSearchParams({ filename: basename(path), dry_run: String(dryRun) });
  const { import_id } = await request<{ import_id: string }>(`/imports?${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType as string },
    body,
    duplex: 'half',
  });
  upload.done();

  const processing = new ProgressBar(dryRun ? 'checking' : 'loading', 'rows');
  let detail: ImportDetail;
  for (;;) {
    detail = await request<ImportDetail>(`/imports/${import_id}?errors_limit=${ERRORS_SHOWN}`);
    processing.update(detail.processed, detail.rows);
    if (detail.status === 'completed' || detail.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  processing.done();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  out(
    `${dryRun ? 'Dry run' : 'Import'} ${detail.import_id} (${detail.filename}): ${detail.status} in ${seconds} s`,
  );
  out(`  read as   ${detail.format}${detail.dialect ? ` (${detail.dialect} dialect)` : ''}`);
  if (detail.error) out(`  error: ${detail.error}`);
  const width = number(detail.rows ?? 0).length;
  for (const key of ['rows', 'imported', 'updated', 'ignored', 'rejected'] as const) {
    out(`  ${key.padEnd(9)} ${number(detail[key] ?? 0).padStart(width)}`);
  }
  if (dryRun) out('  (dry run: nothing was written)');
  if (detail.errors_total > 0) {
    out(
      `Rejections (first ${Math.min(ERRORS_SHOWN, detail.errors_total)} of ${number(detail.errors_total)}` +
        `${dryRun && detail.errors_total >= DRY_RUN_ERRORS_KEPT ? ' kept by the dry run' : ''}):`,
    );
    for (const e of detail.errors) {
      out(
        `  line ${e.line}${e.report_id ? ` (${e.report_id})` : ''}: ${e.field} ${JSON.stringify(e.value)}: ${e.message}`,
      );
    }
  }
  return detail.status === 'completed' && detail.rejected === 0 ? 0 : 1;
}

async function failedJobs(retry: boolean, importId: string | undefined): Promise<number> {
  const { jobs } = await request<{
    jobs: {
      queue: string;
      job_id: string;
      failed_reason: string;
      attempts_made: number;
      source_id: string | null;
    }[];
  }>('/pipeline/failed?limit=100');
  const shown = importId ? jobs.filter((j) => j.source_id === importId) : jobs;
  out(`${shown.length} failed job(s)${importId ? ` of import ${importId}` : ''}`);
  for (const job of shown) {
    out(`  ${job.queue} ${job.job_id} after ${job.attempts_made} attempt(s): ${job.failed_reason}`);
  }
  if (retry && shown.length > 0) {
    const { retried } = await request<{ retried: number }>('/pipeline/failed/retry', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(importId ? { import_id: importId } : {}),
    });
    out(`retried ${retried} job(s)`);
  }
  return 0;
}

const [target = ''] = positionals;
const code =
  target === 'failed'
    ? await failedJobs(values.retry, values.import)
    : await importFile(target, values['dry-run']);
process.exit(code);
