import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/health', () => {
  it('reports DuckDB and Redis up, with no load yet', async () => {
    const res = await t.app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      duckdb: { ok: true, version: expect.stringMatching(/^v1\./) },
      redis: { ok: true },
      freshness: { last_loaded_at: null },
    });
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.app.request('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/v1/nope' },
    });
  });
});
