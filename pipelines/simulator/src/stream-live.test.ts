import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { periodOfInstant, validateReport } from '@pantau/domain';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolVillages } from './enrolment';
import { parseEnv } from '@pantau/config';
import {
  ApiRejectedError,
  createApiSink,
  createQueueSink,
  MAX_REPORTS_PER_REQUEST,
  REPORT_JOB_NAME,
  REPORTS_VALIDATE_QUEUE,
} from './report-sinks';
import type { SimulatedReport } from './simulated-item';
import { DeliveryAbandonedError, streamLive } from './stream-live';

const villageCodes = readVillageCodes();
/** Received now: every simulated report lies in the past of this moment. */
const context = { isVillage: (code: string) => villageCodes.has(code), receivedAt: Date.now() };
const villages = enrolVillages({ seed: 21, count: 500 });
const TOKEN = 'test-token-0123456789';

interface Received {
  authorization: string | undefined;
  reports: SimulatedReport[];
}

/** A real HTTP server standing in for the ingest endpoint; answers `status` to every POST. */
async function startApi(
  status = 202,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/api/v1/reports') {
        received.push({
          authorization: request.headers.authorization,
          reports: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SimulatedReport[],
        });
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        status === 202 ? '{"accepted":true}' : '{"error":{"code":"unauthorized","message":"no"}}',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

describe('streamLive to the API', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())));

  it('posts small arrays of valid current-month reports with the bearer token, at the set rate', async () => {
    const sink = createApiSink({ apiUrl: api.url, token: TOKEN });
    const stats = await streamLive({ seed: 21, villages, rate: 400, limit: 200, sink });
    await sink.close();
    const reports = api.received.flatMap((r) => r.reports);
    expect(stats).toMatchObject({ sent: 200, failed: 0 });
    expect(reports).toHaveLength(200);
    expect(api.received.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(Math.max(...api.received.map((r) => r.reports.length))).toBeLessThanOrEqual(
      MAX_REPORTS_PER_REQUEST,
    );
    // Tokens accrue with the clock only, so 200 reports at 400/s can never go out in under 500 ms,
    // however the machine schedules the ticks; a stalled tick sends its due reports together.
    expect(stats.elapsedMs).toBeGreaterThanOrEqual(500);
    expect(api.received.length).toBeGreaterThan(1);
    const period = periodOfInstant(Date.now());
    for (const report of reports) {
      expect(validateReport(report, context)).toMatchObject({ ok: true });
      expect(report.period).toBe(period);
    }
    expect(new Set(reports.map((r) => r.report_id)).size).toBe(200);
  });

  it('stops cleanly when the signal aborts', async () => {
    const sink = createApiSink({ apiUrl: api.url, token: TOKEN });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const stats = await streamLive({
      seed: 21,
      villages,
      rate: 50,
      sink,
      signal: controller.signal,
    });
    expect(stats.sent).toBeGreaterThan(0);
    expect(stats.sent).toBeLessThanOrEqual((stats.elapsedMs / 1000) * 50);
  });

  it('reports rejected batches to onError and keeps going', async () => {
    const refusing = await startApi(401);
    const errors: unknown[] = [];
    const sink = createApiSink({ apiUrl: refusing.url, token: 'wrong' });
    const stats = await streamLive({
      seed: 21,
      villages,
      rate: 200,
      limit: 20,
      sink,
      onError: (e) => errors.push(e),
    });
    await new Promise<void>((resolve) => refusing.server.close(() => resolve()));
    expect(stats).toMatchObject({ sent: 0, failed: 20 });
    expect(errors[0]).toBeInstanceOf(ApiRejectedError);
    expect((errors[0] as ApiRejectedError).status).toBe(401);
  });

  it('abandons a hanging delivery shortly after the stop', async () => {
    const hanging = { send: () => new Promise<void>(() => {}), close: async () => {} };
    const errors: unknown[] = [];
    const stats = await streamLive({
      seed: 21,
      villages,
      rate: 100,
      sink: hanging,
      signal: AbortSignal.timeout(100),
      stopGraceMs: 50,
      onError: (e) => errors.push(e),
    });
    // The first batch hangs; its size depends on how late the first tick ran.
    expect(stats.sent).toBe(0);
    expect(stats.failed).toBeGreaterThan(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DeliveryAbandonedError);
  });

  it('fails on the first rejected batch without onError', async () => {
    const refusing = await startApi(500);
    const sink = createApiSink({ apiUrl: refusing.url, token: TOKEN });
    await expect(streamLive({ seed: 21, villages, rate: 200, limit: 5, sink })).rejects.toThrow(
      /answered 500/,
    );
    await new Promise<void>((resolve) => refusing.server.close(() => resolve()));
  });
});

describe('streamLive to the queue', () => {
  const { REDIS_URL } = parseEnv(['REDIS_URL'], process.env);
  const prefix = `sim-test-${randomUUID()}`;
  let connection: Redis;
  let queue: Queue;
  beforeAll(() => {
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(REPORTS_VALIDATE_QUEUE, { connection, prefix });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
  });

  it('adds one "report" job per report to reports.validate under the prefix', async () => {
    const sink = createQueueSink({ redisUrl: REDIS_URL, prefix });
    const stats = await streamLive({ seed: 21, villages, rate: 1_000, limit: 300, sink });
    await sink.close();
    expect(stats.sent).toBe(300);
    expect(await queue.getWaitingCount()).toBe(300);
    const jobs = await queue.getWaiting(0, 9);
    for (const job of jobs) {
      expect(job.name).toBe(REPORT_JOB_NAME);
      expect(validateReport(job.data, context)).toMatchObject({ ok: true });
    }
  });

  it('leaves a connection it was given open', async () => {
    const sink = createQueueSink({ connection, prefix });
    await sink.send([{ report_id: 'x', village_code: '15.02.02.2004' }]);
    await sink.close();
    expect(await connection.ping()).toBe('PONG');
  });
});
