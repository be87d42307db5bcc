// Request-body limits: POST /reports and POST /cadres refuse a body over their limit with a 413
// in the error shape, whether Content-Length announces it or the bytes only show it, in process
// and through the Node server (which reads a body its own way: see body-limit.ts).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApi } from '../serve';
import { KUNGKAI } from '../testing/read-fixture';
import {
  createTestApp,
  DEFAULT_TEST_LIMITS,
  TEST_ADMIN_TOKEN,
  type TestApp,
} from '../testing/test-app';

const REPORTS_MAX = 2_048;
const CADRES_MAX = 4_096;

let t: TestApp;
let server: Server;

beforeAll(async () => {
  t = await createTestApp({
    limits: { ...DEFAULT_TEST_LIMITS, reportsMaxBytes: REPORTS_MAX, cadresMaxBytes: CADRES_MAX },
  });
  server = await new Promise<Server>((resolve) => {
    const started = serveApi(t.app, 0, () => resolve(started));
  });
});

afterAll(async () => {
  server.close();
  await t.close();
});

function report(i: number, notes = '') {
  return {
    report_id: `limit-${i}`,
    village_code: KUNGKAI,
    period: '2023-04',
    submitted_at: '2023-04-27T09:00:00+07:00',
    indicators: { mob_signal_level: 3 },
    notes,
  };
}

/** A body of `text` that arrives in pieces, with no Content-Length: only its bytes tell. */
function chunked(text: string | Uint8Array): ReadableStream<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 500) controller.enqueue(bytes.slice(at, at + 500));
      controller.close();
    },
  });
}

type Body = string | Uint8Array | ReadableStream;
type Send = (path: string, init: RequestInit) => Promise<Response>;

/** The app called in process, and the same app behind the Node server (with a tag for ids). */
const transports: [string, Send, string][] = [
  ['in process', (path, init) => Promise.resolve(t.app.request(path, init)), 'P'],
  [
    'through the Node server',
    (path, init) =>
      fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, init),
    'H',
  ],
];

function poster(send: Send) {
  return (path: string, type: string, body: Body, length?: number) =>
    send(`/api/v1${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        'content-type': type,
        ...(length === undefined ? {} : { 'content-length': String(length) }),
      },
      body,
      duplex: 'half',
    } as RequestInit);
}

async function expectTooLarge(res: Response, limit: number) {
  expect(res.status).toBe(413);
  expect(await res.json()).toEqual({
    error: {
      code: 'payload_too_large',
      message: expect.stringContaining(`at most ${limit.toLocaleString('en-US')} bytes`),
      details: [{ limit_bytes: limit }],
    },
  });
}

describe.each(transports)('%s', (_, send, tag) => {
  const post = poster(send);

  describe('POST /reports', () => {
    const small = JSON.stringify([report(1), report(2)]);
    const large = JSON.stringify([report(1, 'x'.repeat(REPORTS_MAX))]);

    it('takes a body within REPORTS_MAX_BYTES', async () => {
      expect((await post('/reports', 'application/json', small)).status).toBe(202);
      expect((await post('/reports', 'application/json', chunked(small))).status).toBe(202);
    });

    it('refuses a larger body with 413, announced or not', async () => {
      await expectTooLarge(
        await post('/reports', 'application/json', large, Buffer.byteLength(large)),
        REPORTS_MAX,
      );
      await expectTooLarge(await post('/reports', 'application/json', chunked(large)), REPORTS_MAX);
    });

    it('checks the token first: a stranger learns nothing of the limit', async () => {
      const res = await send('/api/v1/reports', {
        method: 'POST',
        body: chunked(large),
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(401);
    });

    it('still refuses bytes that are not UTF-8 within the limit, announced or not', async () => {
      // A lone 0xff inside the notes of a report: well-formed JSON around bytes that are not text.
      const text = new TextEncoder().encode(JSON.stringify([report(1, 'NOTE')]));
      const at = new TextDecoder().decode(text).indexOf('NOTE');
      const bytes = new Uint8Array([...text.subarray(0, at), 0xff, ...text.subarray(at + 4)]);
      for (const res of [
        await post('/reports', 'application/json', bytes, bytes.byteLength),
        await post('/reports', 'application/json', chunked(bytes)),
      ]) {
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          error: { code: 'invalid_request', message: expect.stringMatching(/not valid UTF-8/) },
        });
      }
    });
  });

  describe('POST /cadres', () => {
    const header = 'cadre_id,name,village_code,region,active\n';
    const row = (i: number) => `KD-L${tag}${i},Kader ${i},${KUNGKAI},JKT,${i === 0}\n`;

    it('takes a roster within CADRES_MAX_BYTES', async () => {
      const res = await post('/cadres', 'text/csv', chunked(header + row(0) + row(1)));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ inserted: 2, rejected: [] });
    });

    it('refuses a larger roster with 413, in CSV or JSON', async () => {
      const rows = Array.from({ length: 200 }, (_, i) => row(i)).join('');
      await expectTooLarge(await post('/cadres', 'text/csv', chunked(header + rows)), CADRES_MAX);
      const json = JSON.stringify(
        Array.from({ length: 200 }, (_, i) => ({
          cadre_id: `KD-J${tag}${i}`,
          name: `Kader ${i}`,
          village_code: KUNGKAI,
          active: false,
        })),
      );
      await expectTooLarge(
        await post('/cadres', 'application/json', json, Buffer.byteLength(json)),
        CADRES_MAX,
      );
    });
  });
});
