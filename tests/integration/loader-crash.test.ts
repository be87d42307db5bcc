import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createQueues,
  createRedis,
  deleteQueueKeys,
  loadedChannel,
  startValidateWorker,
} from '@pantau/ingest';
import { openWarehouse } from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '@pantau/api/process';

const ROWS = 60_000;
const CORRECTIONS = 500;
const TOKEN = 'crash-test-admin-token-000000';
/** Short locks, so the restarted loader takes the killed one's jobs over within seconds. */
const LOCK_MS = '2000';

const dataDir = mkdtempSync(join(tmpdir(), 'pantau-crash-'));
const prefix = `crash-${randomUUID().slice(0, 8)}`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const env = {
  DATA_DIR: dataDir,
  QUEUE_PREFIX: prefix,
  ADMIN_TOKEN: TOKEN,
  REDIS_URL: redisUrl,
  LOADER_LOCK_MS: LOCK_MS,
};

const known = readVillageCodes();
const villages = [...known];
const connection = createRedis(redisUrl);
const queues = createQueues(redisUrl, prefix);
const worker = startValidateWorker({
  connection,
  prefix,
  loadQueue: queues.load,
  context: { isVillage: (code) => known.has(code) },
  logger: pino({ level: 'silent' }),
});
let api: ApiProcess | undefined;

afterAll(async () => {
  await api?.stop();
  await worker.close();
  await queues.close();
  await deleteQueueKeys(connection, prefix);
  await connection.quit();
  rmSync(dataDir, { recursive: true, force: true });
});

/** 60,000 village-months, then later corrections of the first 500 (same import: they win). */
function file(): string {
  const lines = ['report_id,village_code,period,submitted_at,gov_online_letters_pct'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`r-${i},${villages[i]},2024-01,2024-01-25T10:00:00,${i % 100}`);
  for (let i = 0; i < CORRECTIONS; i++)
    lines.push(`c-${i},${villages[i]},2024-01,2024-01-28T10:00:00,100`);
  return `${lines.join('\n')}\n`;
}

it('ends with exactly the right rows when the loader is killed mid-batch and restarted', async () => {
  api = await startApiProcess(env);
  const subscriber = createRedis(redisUrl);
  await subscriber.subscribe(loadedChannel(prefix));
  const firstLoad = new Promise<void>((resolve) => subscriber.once('message', () => resolve()));

  const posted = await fetch(`${api.url}/api/v1/imports?filename=crash.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    body: file(),
  });
  expect(posted.status).toBe(202);
  const { import_id } = (await posted.json()) as { import_id: string };

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
  const deadline = Date.now() + 50_000;
  let summary: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const res = await fetch(`${api.url}/api/v1/imports/${import_id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    summary = (await res.json()) as Record<string, unknown>;
    if (summary.status === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(summary).toMatchObject({
    status: 'completed',
    rows: ROWS + CORRECTIONS,
    imported: ROWS,
    updated: 0,
    ignored: CORRECTIONS,
    rejected: 0,
  });
  expect(await api.stop()).toBe(0);
  api = undefined;

  const warehouse = await openWarehouse({ dataDir });
  const [reports] = await warehouse.db
    .selectFrom('reports')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('gov_online_letters_pct').as('letters'),
    ])
    .execute();
  const expectedLetters = Array.from({ length: ROWS }, (_, i) =>
    i < CORRECTIONS ? 100 : i % 100,
  ).reduce((a, b) => a + b, 0);
  expect(reports).toEqual({ n: ROWS, letters: expectedLetters });
  const [submissions] = await warehouse.db
    .selectFrom('submissions')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('submission_id').distinct().as('distinct'),
    ])
    .execute();
  expect(submissions).toEqual({ n: ROWS + CORRECTIONS, distinct: ROWS + CORRECTIONS });
  const [national] = await warehouse.db
    .selectFrom('area_scores')
    .select(['villages_reporting', 'government'])
    .where('level', '=', 'country')
    .where('period', '=', '2024-01')
    .execute();
  expect(national).toEqual({
    villages_reporting: ROWS,
    government: expect.closeTo(expectedLetters / ROWS, 9),
  });
  await warehouse.close();
});
