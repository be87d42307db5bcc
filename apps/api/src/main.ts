// The API process: opens DuckDB, runs the loader (the single writer), serves HTTP, stops cleanly.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createQueues, loadedChannel, startLoader } from '@pantau/ingest';
import { failInterruptedImports, openWarehouse } from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { Redis } from 'ioredis';
import { announceAdminToken, resolveAdminToken } from './admin-token';
import { createApp } from './app';
import { env } from './env';
import { LiveFeed } from './live/live-feed';
import { createLogger } from './logger';

const logger = createLogger(env.LOG_LEVEL);
const admin = resolveAdminToken(env.ADMIN_TOKEN, env.DATA_DIR);
announceAdminToken(admin, logger);

const warehouse = await openWarehouse({ dataDir: env.DATA_DIR });
if (warehouse.hierarchyLoaded) logger.info(warehouse.hierarchyLoaded, 'hierarchy loaded');
const interrupted = await warehouse.write(({ db }) => failInterruptedImports(db, new Date()));
if (interrupted > 0)
  logger.warn({ imports: interrupted }, 'marked imports interrupted by a stop as failed');

const spoolDir = join(env.DATA_DIR, 'spool');
mkdirSync(spoolDir, { recursive: true });
const villages = readVillageCodes();
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const queues = createQueues(redis, env.QUEUE_PREFIX);
const live = new LiveFeed({
  maxConnections: env.LIVE_MAX_CONNECTIONS,
  clientBufferBytes: env.LIVE_CLIENT_BUFFER_BYTES,
});

const loader = startLoader({
  warehouse,
  connection: redis,
  prefix: env.QUEUE_PREFIX,
  logger,
  lockDurationMs: env.LOADER_LOCK_MS,
  onLoaded(event) {
    live.publish(event);
    redis
      .publish(loadedChannel(env.QUEUE_PREFIX), JSON.stringify(event))
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'could not publish reports.loaded on Redis');
      });
  },
});

const app = createApp({
  warehouse,
  redis,
  live,
  logger,
  adminToken: admin.token,
  publicRead: env.PUBLIC_READ === 'on',
  clock: () => new Date(),
  queues,
  villages: { isVillage: (code) => villages.has(code) },
  spoolDir,
  limits: { reportsMaxBytes: env.REPORTS_MAX_BYTES, cadresMaxBytes: env.CADRES_MAX_BYTES },
});

const server = serve({ fetch: app.fetch, port: env.API_PORT }, (info) => {
  logger.info(
    { port: info.port, prefix: env.QUEUE_PREFIX },
    `API listening on http://127.0.0.1:${info.port}/api/v1`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing the batch in hand');
  server.close();
  await loader.close();
  await queues.close();
  await warehouse.close();
  await redis.quit();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
