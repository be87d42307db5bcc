// What the pipeline needs of its Redis: no eviction (an evicted job is a lost report), and
// persistence (without it, a Redis that crashes loses the jobs it held).
import type { Redis } from 'ioredis';

/** Redis would evict keys under memory pressure: jobs (reports answered 202) would vanish. */
export class RedisEvicts extends Error {
  override readonly name = 'RedisEvicts';
}

function infoField(info: string, name: string): string | null {
  return new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? null;
}

/** `CONFIG GET`, which managed Redis services may refuse: null then. */
async function configValue(redis: Redis, name: string): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', name)) as string[];
    return reply[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Checks Redis at start: throws RedisEvicts unless its maxmemory-policy is noeviction; returns
 * warnings for what only weakens the guarantees (no persistence), for /health to show.
 */
export async function checkRedis(redis: Redis): Promise<string[]> {
  const memory = await redis.info('memory');
  const policy =
    infoField(memory, 'maxmemory_policy') ?? (await configValue(redis, 'maxmemory-policy'));
  if (policy !== null && policy !== 'noeviction') {
    throw new RedisEvicts(
      `Redis's maxmemory-policy is ${policy}: under memory pressure it would delete queued jobs, ` +
        'and with them reports already answered 202. Set it to noeviction ' +
        '(redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf).',
    );
  }
  const persistence = await redis.info('persistence');
  const aof = infoField(persistence, 'aof_enabled') === '1';
  const save = await configValue(redis, 'save');
  const rdb = save !== null && save.trim() !== '';
  if (aof || rdb || save === null) return [];
  return [
    'Redis keeps its queues in memory only (no appendonly, no save): if it crashes, reports ' +
      'queued but not yet loaded are lost. Run it with --appendonly yes.',
  ];
}
