// Redis shut down and restarted mid-import (a private one, with its append-only file): while it
// is down, submissions are refused at once with 503 and /health says why; once it is back,
// the import resumes and ends exact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess, type ApiProcess } from '@pantau/api/process';
import { createRedis, loadedChannel } from '@pantau/ingest';
import { startWorkerProcess, type WorkerProcess } from '@pantau/ingest/process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  EXACT_SUMMARY,
  expectExactStore,
  FAULT_TEST_MS,
  postImport,
  waitForImport,
} from './support/fault-import';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';

const TOKEN = 'redis-restart-admin-token-000';
/** A request that hangs instead of answering fails the test: "at once" means well within this. */
const ANSWER_WITHIN_MS = 5_000;

const dataDir = mkdtempSync(join(tmpdir(), 'pantau-redis-restart-'));
let redis: PrivateRedis;
let api: ApiProcess | undefined;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
});

afterAll(async () => {
  // Left running only when the test failed: no clean stop to wait for then.
  await api?.kill();
  await worker?.kill();
  await redis.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

function post(path: string, body: string, contentType: string) {
  return fetch(`${api!.url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType },
    body,
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
}

it(
  'refuses submissions while Redis is down, then finishes the import exact',
  { timeout: FAULT_TEST_MS },
  async () => {
    const env = {
      DATA_DIR: dataDir,
      QUEUE_PREFIX: 'pantau',
      ADMIN_TOKEN: TOKEN,
      REDIS_URL: redis.url,
      LOADER_LOCK_MS: '2000',
      VALIDATE_LOCK_MS: '2000',
    };
    api = await startApiProcess(env);
    worker = await startWorkerProcess(env);
    const subscriber = createRedis(redis.url);
    await subscriber.subscribe(loadedChannel('pantau'));
    const firstLoad = new Promise<void>((resolve) => subscriber.once('message', () => resolve()));
    const importId = await postImport(api.url, TOKEN);
    await firstLoad;
    subscriber.disconnect();

    await redis.shutdown();
    const report = JSON.stringify({
      report_id: 'during-outage',
      village_code: '15.02.02.2004',
      period: '2024-02',
      submitted_at: '2024-02-20T09:00:00+07:00',
      indicators: { mob_signal_level: 3 },
    });
    const refused = await post('/reports', report, 'application/json');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'queue_unavailable' } });
    const refusedImport = await post(
      '/imports',
      'report_id,village_code,period,submitted_at\n',
      'text/csv',
    );
    expect(refusedImport.status).toBe(503);
    const health = await fetch(`${api.url}/api/v1/health`, {
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    expect(health.status).toBe(503);
    expect(((await health.json()) as { problems: string[] }).problems).toEqual([
      expect.stringMatching(/^Redis is unreachable/),
    ]);

    await redis.restart();
    expect(await waitForImport(api.url, TOKEN, importId, FAULT_TEST_MS)).toMatchObject(
      EXACT_SUMMARY,
    );
    // Submissions are taken again.
    expect((await post('/reports', report, 'application/json')).status).toBe(202);
    expect(await api.stop()).toBe(0);
    api = undefined;
    await worker.stop();
    worker = undefined;
    await expectExactStore(dataDir);
  },
);
