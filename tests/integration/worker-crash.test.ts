// kill -9 of a validate worker mid-import: another worker takes its locked jobs over once their
// lock expires, re-validated chunks are loaded once, and the import ends exact.
import { startApiProcess, type ApiProcess } from '@pantau/api/process';
import { createRedis, loadedChannel } from '@pantau/ingest';
import { startWorkerProcess, type WorkerProcess } from '@pantau/ingest/process';
import { afterAll, expect, it } from 'vitest';
import {
  EXACT_SUMMARY,
  expectExactStore,
  FAULT_TEST_MS,
  faultPlace,
  postImport,
  waitForImport,
} from './support/fault-import';

const TOKEN = 'worker-crash-admin-token-0000';
/** Short locks, so the surviving worker takes the killed one's jobs over within seconds. */
const LOCK_MS = '2000';

const place = faultPlace('wcrash');
const { dataDir, prefix, redisUrl } = place;
const env = { ...place.env, ADMIN_TOKEN: TOKEN, VALIDATE_LOCK_MS: LOCK_MS };

let api: ApiProcess | undefined;
const workers: WorkerProcess[] = [];

afterAll(async () => {
  await api?.stop();
  for (const worker of workers) await worker.stop();
  await place.remove();
});

it(
  'ends exact when a validate worker is killed mid-import',
  { timeout: FAULT_TEST_MS },
  async () => {
    api = await startApiProcess(env);
    workers.push(await startWorkerProcess(env), await startWorkerProcess(env));
    const subscriber = createRedis(redisUrl);
    await subscriber.subscribe(loadedChannel(prefix));
    const firstLoad = new Promise<void>((resolve) => subscriber.once('message', () => resolve()));

    const importId = await postImport(api.url, TOKEN);
    await firstLoad;
    await workers[0]!.kill(); // jobs in hand: validated or not, handed over or not
    await subscriber.quit();

    expect(await waitForImport(api.url, TOKEN, importId, FAULT_TEST_MS)).toMatchObject(
      EXACT_SUMMARY,
    );
    const health = (await (await fetch(`${api.url}/api/v1/health`)).json()) as {
      failed_jobs: unknown;
    };
    expect(health.failed_jobs).toEqual({ load: 0, validate: 0 });
    expect(await api.stop()).toBe(0);
    api = undefined;
    await expectExactStore(dataDir);
  },
);
