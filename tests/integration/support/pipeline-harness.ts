// A whole pipeline in one test process: the API on in-memory DuckDB, a validate worker, the loader.
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '@pantau/api/testing';
import { createRedis, startLoader, startValidateWorker, type Loader } from '@pantau/ingest';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import type { ImportError } from '@pantau/warehouse';

export const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

export interface Pipeline extends TestApp {
  connection: Redis;
  worker: Worker;
  loader: Loader;
  /** Sends a request to the API with the admin token. */
  call(
    method: string,
    path: string,
    body?: BodyInit,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** Imports a file and waits for its summary. */
  importFile(body: BodyInit, contentType: string, query?: string): Promise<ImportDetail>;
  waitUntil<T>(
    probe: () => Promise<T | null | undefined | false>,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  stop(): Promise<void>;
}

export interface ImportDetail {
  import_id: string;
  format: string;
  dialect: string | null;
  status: string;
  rows: number;
  imported: number;
  updated: number;
  ignored: number;
  rejected: number;
  errors: ImportError[];
  errors_total: number;
}

const POLL_MS = 50;

export async function startPipeline(): Promise<Pipeline> {
  const t = await createTestApp();
  const connection = createRedis(t.redisUrl);
  const logger = pino({ level: 'silent' });
  const worker = startValidateWorker({
    connection,
    prefix: t.prefix,
    loadQueue: t.deps.queues.load,
    context: t.deps.villages,
    logger,
  });
  const loader = startLoader({
    warehouse: t.warehouse,
    connection,
    prefix: t.prefix,
    logger,
    lingerMs: 5,
    onBatch: (batch) => t.deps.metrics.observeBatch(batch),
    onLoaded(event) {
      t.deps.metrics.observeLoaded(event);
      t.deps.live.publish(event);
    },
  });

  const call = (
    method: string,
    path: string,
    body?: BodyInit,
    headers: Record<string, string> = {},
  ) => Promise.resolve(t.app.request(path, { method, body, headers: { ...AUTH, ...headers } }));

  async function waitUntil<T>(
    probe: () => Promise<T | null | undefined | false>,
    what: string,
    timeoutMs = 20_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async function importFile(body: BodyInit, contentType: string, query = '') {
    const posted = await call('POST', `/api/v1/imports${query}`, body, {
      'content-type': contentType,
    });
    if (posted.status !== 202)
      throw new Error(`import refused: ${posted.status} ${await posted.text()}`);
    const { import_id } = (await posted.json()) as { import_id: string };
    return waitUntil(async () => {
      const res = await call('GET', `/api/v1/imports/${import_id}?errors_limit=1000`);
      const detail = (await res.json()) as ImportDetail;
      return detail.status === 'completed' || detail.status === 'failed' ? detail : null;
    }, `import ${import_id}`);
  }

  return {
    ...t,
    connection,
    worker,
    loader,
    call,
    importFile,
    waitUntil,
    async stop() {
      await worker.close();
      await loader.close();
      await t.close();
      await connection.quit();
    },
  };
}
