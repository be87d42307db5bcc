// kill -9 of the API (the loader, the single writer) mid-import: a restarted API takes the
// killed one's jobs over and the import ends exact.
import { startApiProcess, type ApiProcess } from '@pantau/api/process';
import { createRedis, loadedChannel } from '@pantau/ingest';
import { startWorkerProcess, type WorkerProcess } from '@pantau/ingest/process';
import { openWarehouse } from '@pantau/warehouse';
import { afterAll, expect, it } from 'vitest';
import {
  CORRECTIONS,
  EXACT_SUMMARY,
  expectExactStore,
  FAULT_TEST_MS,
  faultPlace,
  postImport,
  ROWS,
  waitForImport,
} from './support/fault-import';

const TOKEN = 'crash-test-admin-token-000000';
/** Short locks, so the restarted loader takes the killed one's jobs over within seconds. */
const LOCK_MS = '2000';

const place = faultPlace('crash');
const { dataDir, prefix, redisUrl } = place;
const env = { ...place.env, ADMIN_TOKEN: TOKEN, LOADER_LOCK_MS: LOCK_MS };

let api: ApiProcess | undefined;
let worker: WorkerProcess | undefined;

afterAll(async () => {
  await api?.stop();
  await worker?.stop();
  await place.remove();
});

it(
  'ends with exactly the right rows when the loader is killed mid-batch and restarted',
  { timeout: FAULT_TEST_MS },
  async () => {
    api = await startApiProcess(env);
    worker = await startWorkerProcess(env);
    const subscriber = createRedis(redisUrl);
    await subscriber.subscribe(loadedChannel(prefix));
    const firstLoad = new Promise<void>((resolve) => subscriber.once('message', () => resolve()));

    const importId = await postImport(api.url, TOKEN);
    await firstLoad;
    await api.kill(); // mid-import: batches in flight, jobs locked by a dead process
    await subscriber.quit();
    // What survived the crash: some committed batches, not all of them.
    const crashed = await openWarehouse({ dataDir });
    const [{ n: survived } = { n: 0 }] = await crashed.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute();
    await crashed.close();
    expect(survived).toBeGreaterThan(0);
    expect(survived).toBeLessThan(ROWS + CORRECTIONS);

    api = await startApiProcess(env);
    expect(await waitForImport(api.url, TOKEN, importId, FAULT_TEST_MS)).toMatchObject(
      EXACT_SUMMARY,
    );
    expect(await api.stop()).toBe(0);
    api = undefined;
    await expectExactStore(dataDir);
  },
);
