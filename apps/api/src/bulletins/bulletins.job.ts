// The monthly bulletin job: its queue, payload and schedule.
import { periodSchema } from '@pantau/domain';
import { z } from 'zod';

export const BULLETINS_QUEUE = 'bulletins.render';
export const BULLETINS_SCHEDULER_ID = 'bulletins-monthly';

/**
 * 01:00 on the 11th, Asia/Jakarta: the first hour after the reporting deadline (a report is on
 * time until the 11th, 00:00), so the bulletin of the month just closed counts every on-time report.
 */
export const BULLETINS_CRON = '0 1 11 * *';
export const BULLETINS_TIME_ZONE = 'Asia/Jakarta';

export const bulletinsJobSchema = z.object({
  /** The month to render; default: the month before the job runs (Asia/Jakarta). */
  period: periodSchema.optional(),
  /** The areas to render; default: every province and kabupaten/kota. */
  codes: z.array(z.string()).optional(),
});

export type BulletinsJob = z.infer<typeof bulletinsJobSchema>;
