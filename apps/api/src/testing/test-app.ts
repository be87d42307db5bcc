// Builds the API for tests on real dependencies: DuckDB in memory and the local Redis.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '@pantau/config';
import { createQueues, deleteQueueKeys } from '@pantau/ingest';
import { openWarehouse, type Warehouse } from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from '../app';
import { PdfRenderer } from '../bulletins/pdf-renderer';
import { apiLimits, LIMIT_VARS, type AppDeps } from '../deps';
import { LiveFeed } from '../live/live-feed';
import { ApiMetrics } from '../metrics/api-metrics';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** The limits' documented defaults, from the one catalogue of variables. */
export const DEFAULT_TEST_LIMITS = apiLimits(parseEnv(LIMIT_VARS, {}));
const DEFAULTS = parseEnv(
  ['LIVE_MAX_CONNECTIONS', 'LIVE_CLIENT_BUFFER_BYTES', 'CHROMIUM_PATH'],
  process.env,
);

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  warehouse: Warehouse;
  /** A queue prefix of this test app's own, so runs never collide. */
  prefix: string;
  redisUrl: string;
  close(): Promise<void>;
}

let villages: Set<string> | undefined;

export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const warehouse = await openWarehouse({ dataDir: null });
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const queues = createQueues(redisUrl, prefix);
  const spoolDir = mkdtempSync(join(tmpdir(), 'pantau-spool-'));
  const bulletinsDir = mkdtempSync(join(tmpdir(), 'pantau-bulletins-'));
  const renderer = new PdfRenderer(DEFAULTS.CHROMIUM_PATH);
  villages ??= readVillageCodes();
  const known = villages;
  const live =
    overrides.live ??
    new LiveFeed({
      maxConnections: DEFAULTS.LIVE_MAX_CONNECTIONS,
      clientBufferBytes: DEFAULTS.LIVE_CLIENT_BUFFER_BYTES,
    });
  const deps: AppDeps = {
    warehouse,
    redis,
    live,
    logger: pino({ level: 'silent' }),
    adminToken: TEST_ADMIN_TOKEN,
    publicRead: false,
    clock: () => new Date(),
    queues,
    villages: { isVillage: (code) => known.has(code) },
    spoolDir,
    limits: DEFAULT_TEST_LIMITS,
    redisWarnings: [],
    loader: null,
    metrics: overrides.metrics ?? new ApiMetrics({ queues, live }),
    bulletins: { renderer, dir: bulletinsDir },
    ...overrides,
  };
  return {
    app: createApp(deps),
    deps,
    warehouse,
    prefix,
    redisUrl,
    async close() {
      await queues.close();
      await deleteQueueKeys(redis, prefix);
      await warehouse.close();
      await redis.quit();
      await renderer.close();
      rmSync(spoolDir, { recursive: true, force: true });
      rmSync(bulletinsDir, { recursive: true, force: true });
    },
  };
}
