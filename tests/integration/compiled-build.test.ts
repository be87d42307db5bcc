// The JavaScript the production images run: `npm run build` compiles the API and the validate
// worker, and plain Node (no tsx) runs them through a report's whole way to the store.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startApiProcess, type ApiProcess } from '@pantau/api/process';
import { startWorkerProcess, type WorkerProcess } from '@pantau/ingest/process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { faultPlace } from './support/fault-import';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'compiled-test-admin-token-00000';
const BUILD_MS = 120_000;
const TEST_MS = 90_000;
const KUNGKAI = '15.02.02.2004';

const place = faultPlace('compiled');
const heartbeatFile = join(place.dataDir, 'worker.heartbeat');
let api: ApiProcess | undefined;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build', '-w', '@pantau/api', '-w', '@pantau/ingest'], {
    cwd: ROOT,
  });
}, BUILD_MS);

afterAll(async () => {
  await api?.stop();
  await worker?.stop();
  await place.remove();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + TEST_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it(
  'runs the compiled API and worker with node alone, from a report to the store',
  { timeout: TEST_MS },
  async () => {
    const env = { ...place.env, ADMIN_TOKEN: TOKEN };
    api = await startApiProcess(env, [], 'compiled');
    worker = await startWorkerProcess(
      { ...env, WORKER_HEARTBEAT_FILE: heartbeatFile },
      [],
      'compiled',
    );
    for (const child of [api.child, worker.child]) {
      expect(child.spawnargs.join(' ')).not.toMatch(/tsx|\.ts\b/);
    }

    const health = await fetch(`${api.url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ duckdb: { ok: true }, loader: { running: true } });

    const posted = await fetch(`${api.url}/api/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        report_id: 'compiled-1',
        village_code: KUNGKAI,
        period: '2024-03',
        submitted_at: '2024-03-28T09:00:00+07:00',
        indicators: { gov_online_letters_pct: 60 },
      }),
    });
    expect(posted.status).toBe(202);
    const village = await waitFor(async () => {
      const res = await fetch(`${api!.url}/api/v1/villages/${KUNGKAI}/reports`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const body = (await res.json()) as { reports?: { report_id: string }[] };
      return body.reports?.some((r) => r.report_id === 'compiled-1') ? body : undefined;
    }, 'the report in the store');
    expect(village.reports).toHaveLength(1);

    // The worker's heartbeat, which its image's HEALTHCHECK reads, is fresh.
    await waitFor(async () => (existsSync(heartbeatFile) ? true : undefined), 'a heartbeat');
    expect(Date.now() - statSync(heartbeatFile).mtimeMs).toBeLessThan(30_000);

    expect(await worker.stop()).toBe(0);
    expect(await api.stop()).toBe(0);
    worker = undefined;
    api = undefined;
  },
);
