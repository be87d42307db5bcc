// The loader on real DuckDB (a data dir) and Redis: what it does between commits.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreReport } from '@pantau/domain';
import {
  createImport,
  getImport,
  markImportRead,
  openWarehouse,
  validRow,
  type SubmissionBatch,
  type Warehouse,
} from '@pantau/warehouse';
import { QueueEvents } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueues, createRedis, deleteQueueKeys, type Queues } from '../queues';
import { LOAD_JOB } from './load.job';
import { startLoader, type Loader } from './loader';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `loader-${randomUUID().slice(0, 8)}`;
const JOB_TIMEOUT_MS = 15_000;

let dataDir: string;
let warehouse: Warehouse;
let queues: Queues;
let events: QueueEvents;
let loader: Loader;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pantau-loader-'));
  warehouse = await openWarehouse({ dataDir });
  // Opening wrote the hierarchy: the WAL starts empty, as after any checkpoint.
  await warehouse.checkpoint();
  queues = createQueues(redisUrl, prefix);
  events = new QueueEvents(queues.load.name, { connection: { url: redisUrl }, prefix });
  await events.waitUntilReady();
  loader = startLoader({
    warehouse,
    connection: { url: redisUrl },
    prefix,
    logger: pino({ level: 'silent' }),
    onLoaded: () => undefined,
    // Any WAL at all: an import's every commit but its last checkpoints.
    checkpointWalBytes: 0,
  });
});

afterAll(async () => {
  await loader.close();
  await events.close();
  await queues.close();
  const redis = createRedis(redisUrl);
  await deleteQueueKeys(redis, prefix);
  await redis.quit();
  await warehouse.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function batch(source: SubmissionBatch['source'], sourceId: string, period: string, line = 2) {
  const report = {
    report_id: `${sourceId}-${line}`,
    cadre_id: null,
    village_code: '15.02.02.2004',
    period,
    submitted_at: `${period}-20T02:00:00.000Z`,
    notes: null,
    indicators: { gov_online_letters_pct: 40 },
  };
  const received_at = new Date().toISOString();
  const valid = [validRow(line, report, scoreReport(report.indicators))];
  return { source, source_id: sourceId, received_at, valid, rejected: [] };
}

async function load(batches: SubmissionBatch[]): Promise<void> {
  const job = await queues.load.add(LOAD_JOB, { batches });
  await job.waitUntilFinished(events, JOB_TIMEOUT_MS);
}

describe('the loader', () => {
  it('checkpoints while an import runs, not after its last commit nor after a live report', async () => {
    await createImport(warehouse.db, {
      import_id: 'imp-1',
      filename: 'months.csv',
      format: 'csv',
      dry_run: false,
      created_at: new Date(),
    });
    await markImportRead(warehouse.db, 'imp-1', 2);
    // The import's first row: it runs on, and the WAL (past the test's threshold of 0) is
    // written into the file before the job finishes.
    await load([batch('import', 'imp-1', '2024-01', 2)]);
    expect(await getImport(warehouse.db, 'imp-1')).toMatchObject({ status: 'running' });
    expect(warehouse.walBytes).toBe(0);

    // A live report's commit stays in the WAL: no live commit pays for a checkpoint.
    await load([batch('api', 'api-1', '2024-02')]);
    expect(warehouse.walBytes).toBeGreaterThan(0);

    // The import's last row completes it: live reports sent now do not wait for a checkpoint.
    const before = warehouse.walBytes;
    await load([batch('import', 'imp-1', '2024-03', 3)]);
    expect(await getImport(warehouse.db, 'imp-1')).toMatchObject({
      status: 'completed',
      imported: 2,
    });
    expect(warehouse.walBytes).toBeGreaterThan(before);
    const stored = await warehouse.db.selectFrom('reports').select('period').execute();
    expect(stored.map((r) => r.period).sort()).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});
