import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p.stop();
});

/** Reads server-sent events from a streaming body until one satisfies `wanted`. */
async function nextEvent(
  body: ReadableStream<Uint8Array>,
  wanted: (event: string, data: unknown) => boolean,
): Promise<{ event: string; data: unknown }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        if (data !== undefined) {
          const parsed = JSON.parse(data) as unknown;
          if (wanted(event, parsed)) return { event, data: parsed };
        }
      }
    }
  } finally {
    await reader.cancel();
  }
}

it('streams a reports.loaded event over SSE after an import is loaded', async () => {
  const live = await p.call('GET', '/api/v1/live');
  expect(live.status).toBe(200);
  expect(live.headers.get('content-type')).toMatch(/text\/event-stream/);

  const csv =
    'report_id,village_code,period,submitted_at,mob_signal_level\n' +
    'sse-1,15.02.02.2004,2023-08,2023-08-25T10:00:00,3\n' +
    'sse-2,15.02.06.2026,2023-08,2023-08-25T10:00:00,1\n';
  const posted = await p.call('POST', '/api/v1/imports', csv, { 'content-type': 'text/csv' });
  const { import_id } = (await posted.json()) as { import_id: string };

  const { event, data } = await nextEvent(live.body!, (_event, d) =>
    ((d as { sources?: { source_id: string }[] }).sources ?? []).some(
      (s) => s.source_id === import_id,
    ),
  );
  expect(event).toBe('reports.loaded');
  expect(data).toMatchObject({
    type: 'reports.loaded',
    counts: { imported: 2, updated: 0, ignored: 0, rejected: 0 },
    periods: ['2023-08'],
    districts: ['15.02.02', '15.02.06'],
    sources: [{ source: 'import', source_id: import_id }],
  });
});
