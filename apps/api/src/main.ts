// The API process: reads the environment, opens DuckDB, serves HTTP, and shuts down cleanly.
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { openWarehouse } from '@pantau/warehouse';
import { Redis } from 'ioredis';
import { createApp } from './app';
import { env } from './env';
import { LiveFeed } from './live/live-feed';
import { createLogger } from './logger';

const ADMIN_TOKEN_BYTES = 24;

const logger = createLogger(env.LOG_LEVEL);
const adminToken = env.ADMIN_TOKEN ?? randomBytes(ADMIN_TOKEN_BYTES).toString('base64url');
if (!env.ADMIN_TOKEN) {
  logger.warn({ admin_token: adminToken }, 'ADMIN_TOKEN was not set: generated one for this run');
}

const warehouse = await openWarehouse({ dataDir: env.DATA_DIR });
if (warehouse.hierarchyLoaded) logger.info(warehouse.hierarchyLoaded, 'hierarchy loaded');
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const live = new LiveFeed();

const app = createApp({
  warehouse,
  redis,
  live,
  logger,
  adminToken,
  publicRead: env.PUBLIC_READ === 'on',
  clock: () => new Date(),
});

const server = serve({ fetch: app.fetch, port: env.API_PORT }, (info) => {
  logger.info({ port: info.port }, `API listening on http://127.0.0.1:${info.port}/api/v1`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  server.close();
  await warehouse.close();
  await redis.quit();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
