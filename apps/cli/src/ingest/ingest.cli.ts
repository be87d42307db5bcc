// `npm run ingest -- <file|-> [--dry-run] [--json]`: imports a CSV/NDJSON file through the running
// API with progress; `npm run ingest -- failed [--retry]` lists and retries failed jobs.
import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  followImport,
  jsonOf,
  postImport,
  type ImportContentType,
  type ImportDetail,
} from '@pantau/api/client';
import { connect, loadEnv, userPath } from '../invocation';
import { CliError, runCli, UsageError } from '../run-cli';
import { bytes, createProgress, formatDuration } from '../progress';
import { printFailedJobs, printImportSummary, type FailedJobs } from './ingest-summary';

const USAGE = `Usage:
  npm run ingest -- <reports.csv|reports.ndjson|reports.xlsx|-> [--dry-run] [--json] [--format csv|ndjson|xlsx]
  npm run ingest -- failed [--retry] [--import IMPORT_ID] [--json]

Imports go through the running API (npm start), which owns the database. Paths are read from
the directory you ran npm in; '-' reads the file from stdin (give --format, default csv).
A .xlsx workbook is read from its first sheet; a CSV separated by ';' (Excel set to
Indonesian) is read with decimal commas.

  --dry-run          validate and summarise without writing anything
  --json             print the summary as JSON on stdout (no text summary)
  --format csv|ndjson|xlsx  the file's format (default: from its extension)
  --api URL          the API (default API_URL when set, else http://127.0.0.1:$API_PORT)
  --token TOKEN      an engineer or admin token (default ADMIN_TOKEN, else the admin token
                     npm start wrote into DATA_DIR/admin-token)
  -h, --help         this text

Exit code: 0 when every row was accepted, 1 when rows were rejected or the import failed,
2 on usage errors.
`;

const POLL_MS = 300;
const ERRORS_SHOWN = 20;
const FAILED_LISTED = 100;

const FORMATS: Record<string, ImportContentType> = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  jsonl: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Options = ReturnType<typeof parseOptions>['values'];

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      retry: { type: 'boolean', default: false },
      import: { type: 'string' },
      api: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** The file's content type: --format, else its extension. */
function contentTypeOf(path: string, format: string | undefined): ImportContentType {
  const name = format ?? (path === '-' ? 'csv' : extname(path).slice(1).toLowerCase());
  const type = FORMATS[name];
  if (!type) throw new UsageError(`${path}: expected a .csv, .ndjson or .xlsx file (or --format)`);
  return type;
}

/** The file (or stdin) as a stream counting its bytes, and its size when known. */
function openInput(path: string, onBytes: (sent: number, size: number | null) => void) {
  let input: Readable;
  let size: number | null = null;
  if (path === '-') input = process.stdin;
  else {
    const file = userPath(path);
    try {
      size = statSync(file).size;
    } catch {
      throw new CliError(`Cannot read ${path} (${file}): no such file`, 2);
    }
    input = createReadStream(file);
  }
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      onBytes(sent, size);
      done(null, chunk);
    },
  });
  return Readable.toWeb(input.pipe(counter)) as ReadableStream<Uint8Array>;
}

async function importFile(path: string, options: Options): Promise<number> {
  const dryRun = options['dry-run'];
  const contentType = contentTypeOf(path, options.format);
  const started = Date.now();
  const upload = createProgress({ label: dryRun ? 'upload (dry run)' : 'upload', measure: bytes });
  const body = openInput(path, (sent, size) => upload.update(sent, size));
  // After the file: a missing file is said before a missing token.
  const api = connect(loadEnv(), options);
  let importId: string;
  try {
    importId = await postImport(api.client, {
      body,
      contentType,
      filename: path === '-' ? 'stdin' : basename(path),
      dryRun,
    });
  } finally {
    upload.finish();
  }

  const processing = createProgress({ label: dryRun ? 'checking' : 'loading' });
  let detail: ImportDetail;
  let waiting = false;
  try {
    detail = await followImport(api.client, importId, {
      errorsLimit: ERRORS_SHOWN,
      pollMs: POLL_MS,
      onProgress: (d) => {
        if (waiting) process.stderr.write(`ingest: the API answers again, following ${importId}\n`);
        waiting = false;
        processing.update(d.processed, d.rows);
      },
      onUnreachable: (error) => {
        if (waiting) return;
        waiting = true;
        processing.finish();
        process.stderr.write(
          `ingest: ${error.message}. Waiting up to a minute for it to come back (npm start restarts it): import ${importId} goes on from the queue meanwhile\n`,
        );
      },
    });
  } finally {
    processing.finish();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
  else printImportSummary(detail, formatDuration(Date.now() - started));
  return detail.status === 'completed' && detail.rejected === 0 ? 0 : 1;
}

async function failedJobs(options: Options): Promise<number> {
  const api = connect(loadEnv(), options);
  const v1 = api.client.api.v1;
  const { jobs } = await jsonOf<FailedJobs>(
    await v1.pipeline.failed.$get({ query: { limit: String(FAILED_LISTED) } }),
  );
  const importId = options.import;
  const shown = importId ? jobs.filter((j) => j.source_id === importId) : jobs;
  let retried: number | null = null;
  if (options.retry && shown.length > 0) {
    const json = importId ? { import_id: importId } : {};
    ({ retried } = await jsonOf<{ retried: number }>(
      await v1.pipeline.failed.retry.$post({ json }),
    ));
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ jobs: shown, retried }, null, 2)}\n`);
  } else printFailedJobs(shown, importId, retried);
  return 0;
}

await runCli(async (argv) => {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('Give one file (or - for stdin), or failed');
  const [target = ''] = positionals;
  return target === 'failed' ? failedJobs(values) : importFile(target, values);
}, USAGE);
