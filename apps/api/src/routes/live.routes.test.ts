import type { ReportsLoadedEvent } from '@pantau/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tokenFor } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';
import { liveRoutes, visibleEvent } from './live.routes';
import { readUntil } from '../testing/read-stream';

/** How long a test waits for a piece of the stream. */
const STREAM_TIMEOUT_MS = 5_000;

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

function loaded(districts: string[]): ReportsLoadedEvent {
  return {
    type: 'reports.loaded',
    batch_id: `batch-${districts.join('-')}`,
    committed_at: '2024-06-01T00:00:00.000Z',
    counts: { imported: 2, updated: 0, ignored: 0, rejected: 0 },
    periods: ['2024-05'],
    districts,
    sources: [{ source: 'import', source_id: 'import-9' }],
    latency_ms: { min: 5, p50: 8, max: 12 },
  };
}

describe('GET /live', () => {
  it('delivers a published reports.loaded event, and unsubscribes on disconnect', async () => {
    const res = await t.app.request('/api/v1/live', bearer(TEST_ADMIN_TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await readUntil(reader, ': connected', STREAM_TIMEOUT_MS);
    expect(t.deps.live.subscribers).toBe(1);

    const event = loaded(['15.02.02']);
    t.deps.live.publish(event);
    const text = await readUntil(reader, '\n\n', STREAM_TIMEOUT_MS);
    expect(text).toContain('event: reports.loaded\n');
    expect(text).toContain(`id: ${event.batch_id}\n`);
    const data = /data: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(data!)).toEqual(event);

    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.deps.live.subscribers).toBe(0);
  });

  it('takes the token from access_token, for EventSource', async () => {
    const res = await t.app.request(`/api/v1/live?access_token=${TEST_ADMIN_TOKEN}`);
    expect(res.status).toBe(200);
    await res.body!.cancel();
    expect((await t.app.request('/api/v1/live')).status).toBe(401);
    expect((await t.app.request('/api/v1/live?access_token=wrong')).status).toBe(401);
  });

  it('sends a heartbeat comment while idle', async () => {
    const app = new OpenAPIHono().route('/', liveRoutes(t.deps, { heartbeatMs: 20 }));
    const res = await app.request('/live', bearer(TEST_ADMIN_TOKEN));
    const reader = res.body!.getReader();
    expect(await readUntil(reader, ': heartbeat\n\n', STREAM_TIMEOUT_MS)).toContain(': heartbeat');
    await reader.cancel();
  });

  it('shows a lead only events touching its scope, trimmed to it', async () => {
    const lead = bearer(await tokenFor(t.warehouse, 'lead', '15.02'));
    const res = await t.app.request('/api/v1/live', lead);
    const reader = res.body!.getReader();
    await readUntil(reader, ': connected', STREAM_TIMEOUT_MS);
    t.deps.live.publish(loaded(['33.01.01']));
    t.deps.live.publish(loaded(['15.01.01', '15.02.06']));
    const text = await readUntil(reader, '15.02.06', STREAM_TIMEOUT_MS);
    expect(text).not.toContain('33.01.01');
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!);
    expect(data.districts).toEqual(['15.02.06']);
    await reader.cancel();
  });
});

describe('visibleEvent', () => {
  it('passes every event to roles without a scope', () => {
    const event = loaded(['33.01.01']);
    expect(visibleEvent({ token_id: 'a', name: 'a', role: 'analyst', scope: null }, event)).toBe(
      event,
    );
  });
});
