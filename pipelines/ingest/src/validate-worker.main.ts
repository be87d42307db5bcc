// A validate worker process: run as many as the machine has cores to spare.
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { env } from './env';
import { startHeartbeat } from './heartbeat';
import type { LoadJob } from './load/load.job';
import { createRedis, DEFAULT_JOB_OPTIONS, LOAD_QUEUE } from './queues';
import { startValidateWorker } from './validate/validate.worker';

const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: 'validate-worker', pid: process.pid },
});
const villages = readVillageCodes();
const connection = createRedis(env.REDIS_URL);
const loadQueue = new Queue<LoadJob>(LOAD_QUEUE, {
  connection,
  prefix: env.QUEUE_PREFIX,
  defaultJobOptions: DEFAULT_JOB_OPTIONS,
});
const worker = startValidateWorker({
  connection,
  prefix: env.QUEUE_PREFIX,
  loadQueue,
  context: { isVillage: (code) => villages.has(code) },
  logger,
  lockDurationMs: env.VALIDATE_LOCK_MS,
});
const heartbeat =
  env.WORKER_HEARTBEAT_FILE === undefined
    ? null
    : startHeartbeat(
        env.WORKER_HEARTBEAT_FILE,
        () => worker.isRunning() && connection.status === 'ready',
      );
logger.info({ villages: villages.size, prefix: env.QUEUE_PREFIX }, 'validate worker ready');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'finishing the jobs in hand, then stopping');
  heartbeat?.stop();
  await worker.close();
  await loadQueue.close();
  await connection.quit();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
