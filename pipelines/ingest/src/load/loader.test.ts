// The loader on real DuckDB (a data dir) and Redis: what it does between commits.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreReport } from '@pantau/domain';
import {
  createImport,
  DATABASE_FILE,
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

function walBytes(): number {
  const wal = join(dataDir, `${DATABASE_FILE}.wal`);
  return existsSync(wal) ? statSync(wal).size : 0;
}

function batch(source: SubmissionBatch['source'], sourceId: string, period: string) {
  const report = {
    report_id: `${sourceId}-1`,
    cadre_id: null,
    village_code: '15.02.02.2004',
    period,
    submitted_at: `${period}-20T02:00:00.000Z`,
    notes: null,
    indicators: { gov_online_letters_pct: 40 },
  };
  const received_at = new Date().toISOString();
  const valid = [validRow(2, report, scoreReport(report.indicators))];
  return { source, source_id: sourceId, received_at, valid, rejected: [] };
}

async function load(batches: SubmissionBatch[]): Promise<void> {
  const job = await queues.load.add(LOAD_JOB, { batches });
  await job.waitUntilFinished(events, JOB_TIMEOUT_MS);
}

describe('the loader', () => {
  it('checkpoints once an import completes, and not after a live report', async () => {
    await load([batch('api', 'api-1', '2024-01')]);
    // A live report's commit stays in the WAL: no live commit pays for a checkpoint.
    expect(walBytes()).toBeGreaterThan(0);

    await createImport(warehouse.db, {
      import_id: 'imp-1',
      filename: 'march.csv',
      format: 'csv',
      dry_run: false,
      created_at: new Date(),
    });
    await markImportRead(warehouse.db, 'imp-1', 1);
    await load([batch('import', 'imp-1', '2024-02')]);
    expect(await getImport(warehouse.db, 'imp-1')).toMatchObject({
      status: 'completed',
      imported: 1,
    });
    // The import's last commit was followed by a checkpoint before its job finished.
    expect(walBytes()).toBe(0);
    const stored = await warehouse.db.selectFrom('reports').select('period').execute();
    expect(stored.map((r) => r.period).sort()).toEqual(['2024-01', '2024-02']);
  });
});
