// The API process: opens DuckDB, runs the loader (the single writer), serves HTTP, stops cleanly.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkRedis,
  createQueues,
  createRedis,
  loadedChannel,
  recoverImports,
  RedisEvicts,
  startLoader,
} from '@pantau/ingest';
import { openWarehouse } from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { announceAdminToken, resolveAdminToken } from './admin-token';
import { createApp } from './app';
import { startBulletinScheduler } from './bulletins/bulletins.worker';
import { PdfRenderer } from './bulletins/pdf-renderer';
import { apiLimits } from './deps';
import { env } from './env';
import { LiveFeed } from './live/live-feed';
import { startLake } from './lake';
import { createLogger } from './logger';
import { ApiMetrics } from './metrics/api-metrics';
import { serveApi } from './serve';

const logger = createLogger(env.LOG_LEVEL);
const admin = resolveAdminToken(env.ADMIN_TOKEN, env.DATA_DIR);
announceAdminToken(admin, logger);

const redis = createRedis(env.REDIS_URL);
let redisWarnings: string[];
try {
  redisWarnings = await checkRedis(redis);
} catch (error) {
  logger.fatal(
    { err: error instanceof RedisEvicts ? undefined : error },
    error instanceof RedisEvicts
      ? error.message
      : `cannot reach Redis at ${env.REDIS_URL}: ${(error as Error).message}`,
  );
  process.exit(1);
}
for (const warning of redisWarnings) logger.warn(warning);

const warehouse = await openWarehouse({ dataDir: env.DATA_DIR });
if (warehouse.hierarchyLoaded) logger.info(warehouse.hierarchyLoaded, 'hierarchy loaded');
logger.info({ reports: warehouse.keys.size }, 'stored keys loaded');

const spoolDir = join(env.DATA_DIR, 'spool');
mkdirSync(spoolDir, { recursive: true });
const queues = createQueues(env.REDIS_URL, env.QUEUE_PREFIX);
const recovered = await recoverImports({
  warehouse,
  queues: [queues.validate, queues.load],
  spoolDir,
  clock: () => new Date(),
});
if (recovered.interrupted + recovered.lost + recovered.spooled > 0)
  logger.warn(recovered, 'failed the imports a stop interrupted and swept their spooled files');

const villages = readVillageCodes();
const live = new LiveFeed({
  maxConnections: env.LIVE_MAX_CONNECTIONS,
  clientBufferBytes: env.LIVE_CLIENT_BUFFER_BYTES,
});

const metrics = new ApiMetrics({ queues, live });
const lake = startLake(env, warehouse, logger);

const loader = startLoader({
  warehouse,
  connection: redis,
  prefix: env.QUEUE_PREFIX,
  logger,
  lockDurationMs: env.LOADER_LOCK_MS,
  onBatch: (batch) => metrics.observeBatch(batch),
  onLoaded(event) {
    metrics.observeLoaded(event);
    live.publish(event);
    lake?.touch();
    redis
      .publish(loadedChannel(env.QUEUE_PREFIX), JSON.stringify(event))
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'could not publish reports.loaded on Redis');
      });
  },
});

const bulletins = {
  renderer: new PdfRenderer(env.CHROMIUM_PATH),
  dir: join(env.DATA_DIR, 'bulletins'),
};
const bulletinScheduler = await startBulletinScheduler({
  connection: redis,
  prefix: env.QUEUE_PREFIX,
  deps: { warehouse, ...bulletins, clock: () => new Date() },
  logger,
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
  limits: apiLimits(env),
  redisWarnings,
  loader,
  metrics,
  bulletins,
});

const server = serveApi(app, env.API_PORT, (port) => {
  logger.info(
    { port, prefix: env.QUEUE_PREFIX },
    `API listening on http://127.0.0.1:${port}/api/v1`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing the batch in hand');
  server.close();
  await loader.close();
  await lake?.close();
  await bulletinScheduler.close();
  await bulletins.renderer.close();
  await queues.close();
  await warehouse.close();
  await redis.quit();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
