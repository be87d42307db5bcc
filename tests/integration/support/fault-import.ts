// The import every fault test runs through real processes, and the exact state it must end in,
// whatever was killed or restarted on the way.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedis, deleteQueueKeys } from '@pantau/ingest';
import { openWarehouse } from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { expect } from 'vitest';

export const ROWS = 60_000;
/**
 * How long a fault test may take: the import runs on real processes sharing two cores, and
 * jobs a fault interrupted are taken over only once their locks expire.
 */
export const FAULT_TEST_MS = 180_000;
export const CORRECTIONS = 500;

const villages = [...readVillageCodes()];

/** 60,000 village-months, then later corrections of the first 500 (same import: they win). */
export function faultFile(): string {
  const lines = ['report_id,village_code,period,submitted_at,gov_online_letters_pct'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`r-${i},${villages[i]},2024-01,2024-01-25T10:00:00,${i % 100}`);
  for (let i = 0; i < CORRECTIONS; i++)
    lines.push(`c-${i},${villages[i]},2024-01,2024-01-28T10:00:00,100`);
  return `${lines.join('\n')}\n`;
}

/** A fault test's own data dir and queue prefix on the shared Redis, and their removal. */
export function faultPlace(name: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `pantau-${name}-`));
  const prefix = `${name}-${randomUUID().slice(0, 8)}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  return {
    dataDir,
    prefix,
    redisUrl,
    env: { DATA_DIR: dataDir, QUEUE_PREFIX: prefix, REDIS_URL: redisUrl },
    async remove() {
      const redis = createRedis(redisUrl);
      await deleteQueueKeys(redis, prefix);
      await redis.quit();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The summary the import must end with. */
export const EXACT_SUMMARY = {
  status: 'completed',
  rows: ROWS + CORRECTIONS,
  imported: ROWS,
  updated: 0,
  ignored: CORRECTIONS,
  rejected: 0,
};

export async function postImport(apiUrl: string, token: string): Promise<string> {
  const posted = await fetch(`${apiUrl}/api/v1/imports?filename=fault.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: faultFile(),
  });
  expect(posted.status).toBe(202);
  return ((await posted.json()) as { import_id: string }).import_id;
}

/** Polls the import until it is completed or failed (or the deadline passes). */
export async function waitForImport(
  apiUrl: string,
  token: string,
  importId: string,
  timeoutMs = FAULT_TEST_MS,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let summary: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const res = await fetch(`${apiUrl}/api/v1/imports/${importId}`, {
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => null);
    if (res?.ok) {
      summary = (await res.json()) as Record<string, unknown>;
      if (summary.status === 'completed' || summary.status === 'failed') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return summary;
}

/**
 * Opens the stopped API's data dir and checks every row of the import is stored exactly once
 * (a test may send reports of other months besides).
 */
export async function expectExactStore(dataDir: string): Promise<void> {
  const warehouse = await openWarehouse({ dataDir });
  try {
    const [reports] = await warehouse.db
      .selectFrom('reports')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('gov_online_letters_pct').as('letters'),
      ])
      .where('period', '=', '2024-01')
      .execute();
    const expectedLetters = Array.from({ length: ROWS }, (_, i) =>
      i < CORRECTIONS ? 100 : i % 100,
    ).reduce((a, b) => a + b, 0);
    expect(reports).toEqual({ n: ROWS, letters: expectedLetters });
    const [submissions] = await warehouse.db
      .selectFrom('submissions')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('submission_id').distinct().as('distinct'),
      ])
      .where('source', '=', 'import')
      .execute();
    expect(submissions).toEqual({ n: ROWS + CORRECTIONS, distinct: ROWS + CORRECTIONS });
    const [national] = await warehouse.db
      .selectFrom('area_scores')
      .select(['villages_reporting', 'government'])
      .where('level', '=', 'country')
      .where('period', '=', '2024-01')
      .execute();
    expect(national).toEqual({
      villages_reporting: ROWS,
      government: expect.closeTo(expectedLetters / ROWS, 9),
    });
  } finally {
    await warehouse.close();
  }
}
