// The two queues of the pipeline, named under QUEUE_PREFIX, and their Redis connections.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** Public contract: third parties add jobs named `report` with one report JSON as data. */
export const VALIDATE_QUEUE = 'reports.validate';
export const LOAD_QUEUE = 'reports.load';

/** Workers block on Redis; BullMQ requires no per-request retry limit on their connections. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Redis pub/sub channel on which the loader announces each committed batch. */
export function loadedChannel(prefix: string): string {
  return `${prefix}:reports.loaded`;
}

/** Infrastructure failures (Redis, DuckDB) are retried with exponential backoff. */
export const JOB_ATTEMPTS = 8;
const BACKOFF_MS = 500;

/**
 * Finished jobs kept for inspection. Completed ones carry whole import chunks and their lineage
 * is in DuckDB anyway: keep few, or a million-row import would sit in Redis twice over. Failed
 * ones are never removed: they hold reports that were answered 202 and are not stored yet — the
 * only copy, until `ingest failed --retry` loads them.
 */
export const KEEP_COMPLETED = { count: 50, age: 3600 };
export const KEEP_FAILED = false;

export const DEFAULT_JOB_OPTIONS = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: BACKOFF_MS },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: KEEP_FAILED,
} as const;

/** How long a producer waits for Redis's first answer. */
const FIRST_ANSWER_MS = 5_000;

/** Connection states before the first connection is made. */
const STARTING: ReadonlySet<string> = new Set(['wait', 'connecting', 'connect']);

export interface Queues {
  validate: Queue;
  load: Queue;
  /** Whether Redis answers now: producers refuse work at once rather than wait for it. */
  available(): boolean;
  /** Redis's INFO section, failing at once while Redis is unreachable. */
  info(section: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The pipeline's queues, for producers (the API, the CLI, tests), on a connection of their own
 * that fails a command at once while Redis is unreachable: a request is answered 503 then,
 * instead of hanging until Redis comes back.
 */
export function createQueues(redisUrl: string, prefix: string): Queues {
  const connection = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Reconnection is ioredis's business; a producer learns of an outage from its own command.
  connection.on('error', () => undefined);
  let reached = false;
  connection.on('ready', () => (reached = true));
  /** Redis's first answer is waited for (briefly); once it was lost, nothing waits for it. */
  const connected = async () => {
    if (connection.status === 'ready') return;
    if (reached) throw new Error(`Redis is unreachable (${connection.status})`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not answer')), FIRST_ANSWER_MS);
      connection.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  const validate = new Queue(VALIDATE_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  const load = new Queue(LOAD_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  return {
    validate,
    load,
    // Before the first connection BullMQ waits for it; once it is lost, refuse at once.
    available: () => connection.status === 'ready' || (!reached && STARTING.has(connection.status)),
    info: async (section) => {
      await connected();
      return connection.info(section);
    },
    async close() {
      await Promise.all([validate.close(), load.close()]);
      connection.disconnect();
    },
  };
}

/**
 * Deletes every key under a queue prefix. Tests and benchmarks use a prefix of their own and
 * call this at the end: obliterating the queues leaves their meta keys behind.
 */
export async function deleteQueueKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
    const batch = keys as string[];
    if (batch.length > 0) deleted += await redis.del(...batch);
  }
  return deleted;
}
