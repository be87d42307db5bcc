// Ingest: reports/s through the whole pipeline against a raw Appender of the same rows, in one run;
// then freshness (request → reports.loaded) at a steady rate of single-report POSTs.
import { randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { startApiProcess } from '@pantau/api/process';
import { findIndicator, reportsLoadedEventSchema } from '@pantau/domain';
import { createRedis, deleteQueueKeys, loadedChannel, readCsvRecords } from '@pantau/ingest';
import { startWorkerProcess, type WorkerProcess } from '@pantau/ingest/process';
import {
  enrolVillages,
  generateReports,
  UNKNOWN_INDICATOR_CODES,
  writeCsv,
  type SimulatedItem,
} from '@pantau/simulator';
import { formatRate, line, rate, timed } from './lib/report';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: String(Math.max(1, availableParallelism() - 1)) },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
  },
});
const REPORTS = Number(values.reports);
const WORKERS = Number(values.workers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const TOKEN = `bench-${randomUUID()}`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const OUT = join(import.meta.dirname, 'out');
const SEED = 2026;
/** Realistic but mostly clean: one row in a thousand of each invalid kind. */
const INVALID_RATE = 0.001;

function* take<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let n = 0;
  for (const item of items) {
    yield item;
    if (++n >= count) return;
  }
}

/** The simulated file, generated once per size and reused. */
async function reportsFile(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `ingest-${REPORTS}.csv`);
  if (existsSync(file)) return file;
  const villages = enrolVillages({ seed: SEED, count: 'all' });
  const items = generateReports({
    seed: SEED,
    villages,
    from: '2023-01',
    to: '2026-12',
    invalidRate: INVALID_RATE,
    format: 'csv',
  });
  const [, ms] = await timed(() =>
    writeCsv(take<SimulatedItem>(items, REPORTS), createWriteStream(file), {
      extraColumns: [...UNKNOWN_INDICATOR_CODES],
    }),
  );
  line(
    `generated ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${(ms / 1000).toFixed(1)} s`,
  );
  return file;
}

const TRUE_WORDS = new Set(['true', '1', 'ya']);

/** Baseline: the same rows parsed and appended straight into a DuckDB file, no rules at all. */
async function rawAppender(file: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-bench-raw-'));
  try {
    const instance = await DuckDBInstance.create(join(dir, 'raw.duckdb'));
    const connection = await instance.connect();
    const records = readCsvRecords(createReadStream(file));
    const first = await records.next();
    const header = first.done ? [] : first.value.cells;
    const kinds = header.map((name) => {
      const indicator = findIndicator(name);
      return indicator ? (indicator.unit === 'bool' ? 'BOOLEAN' : 'DOUBLE') : 'VARCHAR';
    });
    await connection.run(
      `CREATE TABLE raw (${header.map((h, i) => `"${h}" ${kinds[i]}`).join(', ')})`,
    );
    const appender = await connection.createAppender('raw');
    let rows = 0;
    const [, ms] = await timed(async () => {
      for await (const { cells } of records) {
        kinds.forEach((kind, i) => {
          const cell = cells[i] ?? '';
          const number = Number(cell);
          if (cell === '' || (kind === 'DOUBLE' && !Number.isFinite(number))) appender.appendNull();
          else if (kind === 'DOUBLE') appender.appendDouble(number);
          else if (kind === 'BOOLEAN') appender.appendBoolean(TRUE_WORDS.has(cell.toLowerCase()));
          else appender.appendVarchar(cell);
        });
        appender.endRow();
        rows++;
      }
      appender.closeSync();
    });
    connection.closeSync();
    instance.closeSync();
    return rate(rows, ms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

const file = await reportsFile();
const rows = REPORTS;

line(`\n== throughput: ${rows.toLocaleString('en-US')} simulated reports ==`);
const raw = await rawAppender(file);
line(`raw Appender (parse CSV + append, no rules):   ${formatRate(raw)}`);

const dataDir = mkdtempSync(join(tmpdir(), 'pantau-bench-ingest-'));
const prefix = `bench-${randomUUID().slice(0, 8)}`;
const env = {
  DATA_DIR: dataDir,
  QUEUE_PREFIX: prefix,
  ADMIN_TOKEN: TOKEN,
  REDIS_URL,
  LOG_LEVEL: 'warn',
};
const api = await startApiProcess(env);
const workers: WorkerProcess[] = [];
for (let i = 0; i < WORKERS; i++) workers.push(await startWorkerProcess(env));
const auth = { authorization: `Bearer ${TOKEN}` };

try {
  const [summary, pipelineMs] = await timed(async () => {
    const posted = await fetch(`${api.url}/api/v1/imports?filename=bench.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const { import_id } = (await posted.json()) as { import_id: string };
    for (;;) {
      const res = await fetch(`${api.url}/api/v1/imports/${import_id}?errors_limit=0`, {
        headers: auth,
      });
      const detail = (await res.json()) as { status: string; rows: number; processed: number };
      if (detail.status === 'completed' || detail.status === 'failed') return detail;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  const pipeline = rate(summary.rows, pipelineMs);
  line(
    `pipeline (POST /imports → ${WORKERS} validate workers → loader, to completed): ${formatRate(pipeline)}`,
  );
  line(`  ${JSON.stringify(summary)}`);
  line(`ratio pipeline / raw: ${((pipeline / raw) * 100).toFixed(1)} %`);

  line(`\n== freshness: single-report POST /reports at ${RATE}/s for ${SECONDS} s ==`);
  const subscriber = createRedis(REDIS_URL);
  await subscriber.subscribe(loadedChannel(prefix));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  subscriber.on('message', (_channel, message) => {
    const event = reportsLoadedEventSchema.parse(JSON.parse(message));
    const now = performance.now();
    for (const { source_id } of event.sources) {
      const started = sentAt.get(source_id);
      if (started !== undefined) {
        latencies.push(now - started);
        sentAt.delete(source_id);
      }
    }
  });
  const villages = enrolVillages({ seed: SEED, count: 3000 });
  const period = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
  const total = RATE * SECONDS;
  const TICK_MS = 10;
  const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
  let sent = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  while (sent < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - started) / 1000) * RATE) + perTick,
    );
    for (; sent < due; sent++) {
      const village = villages[sent % villages.length]!;
      const report = {
        report_id: `fresh-${prefix}-${sent}`,
        village_code: village.code,
        period,
        submitted_at: new Date().toISOString(),
        indicators: { mob_signal_level: sent % 4, gov_online_letters_pct: sent % 100 },
      };
      const requested = performance.now();
      inFlight.push(
        fetch(`${api.url}/api/v1/reports`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(report),
        }).then(async (res) => {
          const { source_id } = (await res.json()) as { source_id: string };
          sentAt.set(source_id, requested);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(inFlight);
  const deadline = Date.now() + 30_000;
  while (latencies.length < total && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const achieved = total / ((performance.now() - started) / 1000);
  latencies.sort((a, b) => a - b);
  line(
    `sent ${total} reports (${achieved.toFixed(0)}/s achieved), ${latencies.length} seen loaded: ` +
      `p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms, ` +
      `p99 ${percentile(latencies, 0.99).toFixed(0)} ms (request sent → reports.loaded received)`,
  );
  await subscriber.quit();
} finally {
  for (const worker of workers) await worker.stop();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
  const redis = createRedis(REDIS_URL);
  await deleteQueueKeys(redis, prefix);
  await redis.quit();
}
