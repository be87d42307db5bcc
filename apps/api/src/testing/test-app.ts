// Builds the API for tests on real dependencies: DuckDB in memory and the local Redis.
import { openWarehouse, type Warehouse } from '@pantau/warehouse';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from '../app';
import type { AppDeps } from '../deps';
import { LiveFeed } from '../live/live-feed';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  warehouse: Warehouse;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const warehouse = await openWarehouse({ dataDir: null });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: null,
  });
  const deps: AppDeps = {
    warehouse,
    redis,
    live: new LiveFeed(),
    logger: pino({ level: 'silent' }),
    adminToken: TEST_ADMIN_TOKEN,
    publicRead: false,
    clock: () => new Date(),
    ...overrides,
  };
  return {
    app: createApp(deps),
    deps,
    warehouse,
    async close() {
      await warehouse.close();
      await redis.quit();
    },
  };
}
