import { createRedis, LOAD_QUEUE, startLoader } from '@pantau/ingest';
import { UnrecoverableError, Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

async function health(app: TestApp) {
  const res = await app.app.request('/api/v1/health');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/v1/health', () => {
  it('reports DuckDB and Redis up, with no load yet', async () => {
    const { status, body } = await health(t);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      problems: [],
      duckdb: { ok: true, version: expect.stringMatching(/^v1\./) },
      redis: { ok: true },
      failed_jobs: { load: 0, validate: 0 },
      freshness: { last_loaded_at: null },
    });
  });

  it('is degraded, still 200, when Redis keeps nothing on disk', async () => {
    const app = await createTestApp({ redisWarnings: ['Redis keeps its queues in memory only'] });
    try {
      expect(await health(app)).toMatchObject({
        status: 200,
        body: { status: 'degraded', warnings: ['Redis keeps its queues in memory only'] },
      });
    } finally {
      await app.close();
    }
  });

  it('answers 503 while failed load jobs hold reports that are not stored', async () => {
    const app = await createTestApp();
    const connection = createRedis(app.redisUrl);
    const failing = new Worker(
      LOAD_QUEUE,
      async () => {
        throw new UnrecoverableError('the disk is full');
      },
      { connection, prefix: app.prefix },
    );
    try {
      await app.deps.queues.load.add('submissions', { batches: [] });
      for (let i = 0; i < 200 && (await app.deps.queues.load.getFailedCount()) === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const { status, body } = await health(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'failing',
        problems: [expect.stringMatching(/^1 failed load jobs hold reports that are not stored/)],
      });
    } finally {
      await failing.close();
      await connection.quit();
      await app.close();
    }
  });

  it('answers 503 when the loader is stopped, or DuckDB could not write', async () => {
    const app = await createTestApp();
    const connection = createRedis(app.redisUrl);
    const loader = startLoader({
      warehouse: app.warehouse,
      connection,
      prefix: app.prefix,
      logger: pino({ level: 'silent' }),
      onLoaded: () => undefined,
    });
    const withLoader = await createTestApp({ ...app.deps, loader });
    try {
      expect((await health(withLoader)).status).toBe(200);
      await loader.close();
      expect((await health(withLoader)).body).toMatchObject({
        loader: { running: false },
        problems: ['the loader is stopped: nothing queued is being stored'],
      });
      await app.warehouse
        .write(() => Promise.reject(new Error('No space left on device')))
        .catch(() => undefined);
      expect((await health(withLoader)).body.problems).toContain(
        'DuckDB could not write: No space left on device',
      );
    } finally {
      await connection.quit();
      await withLoader.close();
      await app.close();
    }
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.app.request('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/v1/nope' },
    });
  });
});
