import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setImmediate as turn } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import type { ReportsLoadedEvent } from '@pantau/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import { LiveFeed } from '../live/live-feed';
import { bearer, tokenFor } from '../testing/read-fixture';
import { readUntil } from '../testing/read-stream';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';

/** How long a test waits for a piece of the stream. */
const STREAM_TIMEOUT_MS = 5_000;

let t: TestApp;
let tokens: Record<'analyst' | 'lead' | 'merangin', string>;

beforeAll(async () => {
  t = await createTestApp();
  tokens = {
    analyst: await tokenFor(t.warehouse, 'analyst'),
    lead: await tokenFor(t.warehouse, 'lead', '15'),
    merangin: await tokenFor(t.warehouse, 'lead', '15.02'),
  };
});

afterAll(async () => {
  await t.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const counts = (imported: number, rejected = 0) => ({ imported, updated: 0, ignored: 0, rejected });
const flags = (history: number, peer = 0, stuck = 0) => ({
  total: history + peer + stuck,
  history,
  peer,
  stuck,
});

/** A load that touched the given kecamatan, two imported reports in each. */
function loaded(districts: string[]): ReportsLoadedEvent {
  return {
    type: 'reports.loaded',
    batch_id: `batch-${districts.join('-')}`,
    committed_at: '2024-06-01T00:00:00.000Z',
    counts: counts(2 * districts.length, 1),
    district_counts: Object.fromEntries(districts.map((d) => [d, counts(2)])),
    periods: ['2024-05'],
    districts,
    sources: [{ source: 'import', source_id: 'import-9' }],
    latency_ms: { min: 5, p50: 8, max: 12 },
    new_flags: flags(0),
    district_flags: {},
  };
}

/** The JSON of every event in `text`. */
function eventsIn(text: string): Record<string, unknown>[] {
  return [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
}

/** Opens /live on `app` with `init`; resolves once the stream has said it is connected. */
async function connect(app: TestApp['app'], init?: RequestInit) {
  const res = await app.request('/api/v1/live', init);
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  await readUntil(reader, ': connected', STREAM_TIMEOUT_MS);
  return reader;
}

/** An app over the test app's dependencies with a live hub of its own. */
function appWithFeed(feed: LiveFeed) {
  return createApp({ ...t.deps, live: feed });
}

describe('GET /live', () => {
  it('delivers a published event without its per-kecamatan counts, and lets go on disconnect', async () => {
    const reader = await connect(t.app, bearer(TEST_ADMIN_TOKEN));
    expect(t.deps.live.connections).toBe(1);

    const event = loaded(['15.02.02']);
    t.deps.live.publish(event);
    const text = await readUntil(reader, '\n\n', STREAM_TIMEOUT_MS);
    expect(text).toContain('event: reports.loaded\n');
    expect(text).toContain(`id: ${event.batch_id}\n`);
    const live: Partial<ReportsLoadedEvent> = { ...event };
    delete live.district_counts;
    delete live.district_flags;
    expect(eventsIn(text)).toEqual([live]);

    await reader.cancel();
    await vi.waitFor(() => expect(t.deps.live.connections).toBe(0));
  });

  it('takes the token from access_token, for EventSource', async () => {
    const res = await t.app.request(`/api/v1/live?access_token=${TEST_ADMIN_TOKEN}`);
    expect(res.status).toBe(200);
    await res.body!.cancel();
    expect((await t.app.request('/api/v1/live')).status).toBe(401);
    expect((await t.app.request('/api/v1/live?access_token=wrong')).status).toBe(401);
  });

  it('sends a heartbeat comment while idle', async () => {
    const app = appWithFeed(
      new LiveFeed({ maxConnections: 10, clientBufferBytes: 1_024, heartbeatMs: 20 }),
    );
    const res = await app.request('/api/v1/live', bearer(TEST_ADMIN_TOKEN));
    const reader = res.body!.getReader();
    expect(await readUntil(reader, ': heartbeat\n\n', STREAM_TIMEOUT_MS)).toContain(': heartbeat');
    await reader.cancel();
  });

  it("shows a lead only events touching its scope, with its kecamatan's counts and no sources", async () => {
    const reader = await connect(t.app, bearer(tokens.merangin));
    t.deps.live.publish(loaded(['33.01.01']));
    t.deps.live.publish(loaded(['15.01.01', '15.02.06', '15.02.02']));
    const text = await readUntil(reader, '15.02.06', STREAM_TIMEOUT_MS);
    expect(text).not.toContain('33.01.01');
    expect(eventsIn(text)).toEqual([
      expect.objectContaining({
        districts: ['15.02.06', '15.02.02'],
        counts: counts(4),
        sources: [],
      }),
    ]);
    expect(eventsIn(text)[0]).not.toHaveProperty('district_counts');
    await reader.cancel();
  });

  it('sums for a lead only the new quality flags of its kecamatan', async () => {
    const analyst = await connect(t.app, bearer(tokens.analyst));
    const lead = await connect(t.app, bearer(tokens.merangin));
    const event: ReportsLoadedEvent = {
      ...loaded(['15.01.01', '15.02.06', '15.02.02']),
      batch_id: 'flagged',
      new_flags: flags(4, 3, 1),
      district_flags: {
        '15.01.01': flags(2, 1),
        '15.02.06': flags(1, 0, 1),
        '15.02.02': flags(1, 2),
      },
    };
    t.deps.live.publish(event);

    const [seen] = eventsIn(await readUntil(lead, 'flagged', STREAM_TIMEOUT_MS));
    expect(seen).toEqual(expect.objectContaining({ new_flags: flags(2, 2, 1) }));
    expect(seen).not.toHaveProperty('district_flags');
    const [whole] = eventsIn(await readUntil(analyst, 'flagged', STREAM_TIMEOUT_MS));
    expect(whole).toEqual(expect.objectContaining({ new_flags: flags(4, 3, 1) }));
    expect(whole).not.toHaveProperty('district_flags');
    await lead.cancel();
    await analyst.cancel();
  });

  it('tells a lead of loads in its scope that stored nothing, counted there', async () => {
    const reader = await connect(t.app, bearer(tokens.merangin));
    const event: ReportsLoadedEvent = {
      ...loaded([]),
      batch_id: 'rejected-only',
      counts: counts(0, 3),
      district_counts: { '15.02.02': counts(0, 1), '33.01.01': counts(0, 2) },
    };
    t.deps.live.publish(event);
    const text = await readUntil(reader, 'rejected-only', STREAM_TIMEOUT_MS);
    expect(eventsIn(text)).toEqual([
      expect.objectContaining({ districts: [], counts: counts(0, 1) }),
    ]);
    await reader.cancel();
  });

  it('shows anonymous readers every event without its sources', async () => {
    const open = await createTestApp({ publicRead: true });
    try {
      const reader = await connect(open.app);
      open.deps.live.publish(loaded(['33.01.01']));
      const text = await readUntil(reader, '33.01.01', STREAM_TIMEOUT_MS);
      expect(eventsIn(text)).toEqual([
        expect.objectContaining({ districts: ['33.01.01'], counts: counts(2, 1), sources: [] }),
      ]);
      await reader.cancel();
    } finally {
      await open.close();
    }
  });

  it('serialises each event once per view, however many streams share it', async () => {
    const readers = [
      await connect(t.app, bearer(TEST_ADMIN_TOKEN)),
      await connect(t.app, bearer(tokens.analyst)),
      await connect(t.app, bearer(TEST_ADMIN_TOKEN)),
      await connect(t.app, bearer(tokens.lead)),
      await connect(t.app, bearer(tokens.lead)),
    ];
    const stringify = vi.spyOn(JSON, 'stringify');
    t.deps.live.publish(loaded(['15.02.02']));
    // One for the analysts' and admins' view, one for the Jambi leads'.
    expect(stringify).toHaveBeenCalledTimes(2);
    for (const reader of readers) {
      expect(await readUntil(reader, 'batch-15.02.02', STREAM_TIMEOUT_MS)).toContain('15.02.02');
      await reader.cancel();
    }
  });

  it('refuses a stream beyond the cap with 503 and Retry-After, and takes one again once freed', async () => {
    const app = appWithFeed(new LiveFeed({ maxConnections: 2, clientBufferBytes: 1_024 }));
    const first = await connect(app, bearer(TEST_ADMIN_TOKEN));
    const second = await connect(app, bearer(TEST_ADMIN_TOKEN));
    const refused = await app.request('/api/v1/live', bearer(TEST_ADMIN_TOKEN));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toEqual({
      error: { code: 'too_many_streams', message: expect.stringContaining('try again') },
    });
    await first.cancel();
    const third = await connect(app, bearer(TEST_ADMIN_TOKEN));
    await Promise.all([second.cancel(), third.cancel()]);
  });

  it('drops a client that stops reading once its buffer is full, and keeps serving the others', async () => {
    const feed = new LiveFeed({ maxConnections: 10, clientBufferBytes: 4_096 });
    const app = appWithFeed(feed);
    const stalled = await connect(app, bearer(TEST_ADMIN_TOKEN));
    const reading = await connect(app, bearer(TEST_ADMIN_TOKEN));
    // Each event is ~400 bytes: the stalled client's buffer fills within a dozen.
    for (let i = 0; i < 50; i++) {
      feed.publish({ ...loaded(['15.02.02']), batch_id: `burst-${i}` });
      await readUntil(reading, `burst-${i}\n`, STREAM_TIMEOUT_MS);
    }
    expect(feed.slowClientsDropped).toBe(1);
    expect(feed.connections).toBe(1);
    // What it had buffered is gone with it: its stream ends rather than replays.
    expect(await stalled.read()).toEqual({ done: true, value: undefined });
    await reading.cancel();
  });

  it('drops a client whose socket stops reading, once the kernel and its buffer are full', async () => {
    const feed = new LiveFeed({ maxConnections: 10, clientBufferBytes: 64 * 1_024 });
    const server = serve({ fetch: appWithFeed(feed).fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const socket = connectTcp(port, '127.0.0.1');
    try {
      await once(socket, 'connect');
      socket.write(
        `GET /api/v1/live HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_ADMIN_TOKEN}\r\n\r\n`,
      );
      await vi.waitFor(() => expect(feed.connections).toBe(1));
      socket.pause();
      // About 80 kB an event: the socket's buffers fill, then the stream's own.
      const districts = Array.from({ length: 8_000 }, (_, i) => `99.${i}`);
      for (let i = 0; i < 2_000 && feed.slowClientsDropped === 0; i++) {
        feed.publish({ ...loaded(districts), batch_id: `big-${i}` });
        await turn();
      }
      expect(feed.slowClientsDropped).toBe(1);
      expect(feed.connections).toBe(0);
    } finally {
      socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
