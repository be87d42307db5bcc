// The whole path to a dashboard: POST /reports → validate worker → loader → GET /live.
import { startLoader, startValidateWorker, type Loader } from '@pantau/ingest';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, getJson, KUNGKAI, TAMBAKREJA, tokenFor } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';
import { readUntil } from '../testing/read-stream';

/** How long a test waits for a piece of the stream. */
const STREAM_TIMEOUT_MS = 15_000;

let t: TestApp;
let loader: Loader;
let validator: Worker;

beforeAll(async () => {
  t = await createTestApp();
  const logger = pino({ level: 'silent' });
  loader = startLoader({
    warehouse: t.warehouse,
    connection: t.deps.redis,
    prefix: t.prefix,
    logger,
    onLoaded: (event) => t.deps.live.publish(event),
  });
  validator = startValidateWorker({
    connection: t.deps.redis,
    prefix: t.prefix,
    loadQueue: t.deps.queues.load,
    context: t.deps.villages,
    logger,
  });
});

afterAll(async () => {
  await validator.close();
  await loader.close();
  await t.close();
});

async function connectAs(token: string) {
  const res = await t.app.request('/api/v1/live', bearer(token));
  const reader = res.body!.getReader();
  await readUntil(reader, ': connected', STREAM_TIMEOUT_MS);
  return reader;
}

describe('GET /live after a submission', () => {
  it('streams the reports.loaded event of the batch, and the scores show the report', async () => {
    const res = await t.app.request('/api/v1/live', bearer(TEST_ADMIN_TOKEN));
    const reader = res.body!.getReader();
    await readUntil(reader, ': connected', STREAM_TIMEOUT_MS);

    const cadre = await tokenFor(t.warehouse, 'cadre', KUNGKAI);
    const submitted = await t.app.request('/api/v1/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${cadre}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        report_id: 'live-1',
        cadre_id: 'KD-1',
        village_code: KUNGKAI,
        period: '2024-05',
        submitted_at: '2024-06-03T09:00:00+07:00',
        indicators: { gov_online_letters_pct: 70 },
      }),
    });
    expect(submitted.status).toBe(202);

    const text = await readUntil(reader, '\n\n', STREAM_TIMEOUT_MS);
    await reader.cancel();
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!);
    expect(data).toMatchObject({
      type: 'reports.loaded',
      periods: ['2024-05'],
      districts: ['15.02.02'],
      counts: { imported: 1, rejected: 0 },
    });

    const scores = await getJson(
      t.app,
      '/scores?level=village&parent=15.02.02&period=2024-05',
      bearer(TEST_ADMIN_TOKEN),
    );
    expect(scores.body.rows.find((r: { code: string }) => r.code === KUNGKAI)?.dci).toBe(70);
  });

  it('gives each lead the counts of its own kecamatan, rejections included, and nothing else', async () => {
    const merangin = await connectAs(await tokenFor(t.warehouse, 'lead', '15.02'));
    const jateng = await connectAs(await tokenFor(t.warehouse, 'lead', '33'));

    const submit = (reports: unknown[]) =>
      t.app.request('/api/v1/reports', {
        method: 'POST',
        headers: { ...bearer(TEST_ADMIN_TOKEN).headers, 'content-type': 'application/json' },
        body: JSON.stringify(reports),
      });
    const report = (village: string, period: string, value: number) => ({
      report_id: `lead-${village}-${period}`,
      village_code: village,
      period,
      submitted_at: '2024-06-03T09:00:00+07:00',
      indicators: { gov_online_letters_pct: value },
    });
    // Kungkai: one stored, one out of range; then, separately, one for Jawa Tengah.
    expect(
      (await submit([report(KUNGKAI, '2024-04', 50), report(KUNGKAI, '2024-03', 140)])).status,
    ).toBe(202);
    const meranginText = await readUntil(merangin, '\n\n', STREAM_TIMEOUT_MS);
    expect(JSON.parse(/data: (.*)\n/.exec(meranginText)![1]!)).toMatchObject({
      districts: ['15.02.02'],
      counts: { imported: 1, updated: 0, ignored: 0, rejected: 1 },
      sources: [],
    });
    expect((await submit([report(TAMBAKREJA, '2024-04', 90)])).status).toBe(202);
    // Jawa Tengah's lead hears of its own load first: Kungkai's never reached it.
    const jatengText = await readUntil(jateng, '\n\n', STREAM_TIMEOUT_MS);
    expect(JSON.parse(/data: (.*)\n/.exec(jatengText)![1]!)).toMatchObject({
      districts: ['33.01.01'],
      counts: { imported: 1, rejected: 0 },
    });
    await Promise.all([merangin.cancel(), jateng.cancel()]);
  });

  it('refuses a cadre reporting for another village', async () => {
    const cadre = await tokenFor(t.warehouse, 'cadre', KUNGKAI);
    const res = await t.app.request('/api/v1/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${cadre}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        report_id: 'live-2',
        village_code: '15.02.02.2024',
        period: '2024-05',
        submitted_at: '2024-06-03T09:00:00+07:00',
        indicators: { gov_online_letters_pct: 70 },
      }),
    });
    expect(res.status).toBe(403);
  });
});
