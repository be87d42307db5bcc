import { randomUUID } from 'node:crypto';
import { deleteQueueKeys } from '@pantau/ingest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app';
import { BULLETINS_SCHEDULER_ID } from './bulletins.job';
import { startBulletinScheduler } from './bulletins.worker';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
const prefix = `test-bulletins-${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  await deleteQueueKeys(redis, prefix);
  await redis.quit();
});

describe('startBulletinScheduler', () => {
  it('schedules one job on the 11th at 01:00 Jakarta time, however often the API starts', async () => {
    const t = await createTestApp();
    const deps = { warehouse: t.warehouse, ...t.deps.bulletins, clock: () => new Date() };
    const logger = pino({ level: 'silent' });
    try {
      for (let start = 0; start < 2; start++) {
        const scheduler = await startBulletinScheduler({ connection: redis, prefix, deps, logger });
        await scheduler.close();
      }
      const scheduler = await startBulletinScheduler({ connection: redis, prefix, deps, logger });
      try {
        const schedulers = await scheduler.queue.getJobSchedulers();
        expect(schedulers).toHaveLength(1);
        expect(schedulers[0]).toMatchObject({
          key: BULLETINS_SCHEDULER_ID,
          pattern: '0 1 11 * *',
          tz: 'Asia/Jakarta',
        });
        // The next run: 11th of a month, 01:00 WIB = 18:00 UTC on the 10th.
        const next = new Date(schedulers[0]!.next!);
        expect(next.getUTCDate()).toBe(10);
        expect(next.getUTCHours()).toBe(18);
      } finally {
        await scheduler.close();
      }
    } finally {
      await t.close();
    }
  });
});
