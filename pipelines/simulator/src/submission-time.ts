// When cadres submit: mostly between the 20th and the 10th of the following month, some late.
import { JAKARTA_OFFSET_MS, onTimeDeadline, parsePeriod } from '@pantau/domain';
import type { Random } from './prng';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Share of reports submitted after the on-time deadline (the 11th of the next month, 00:00 WIB). */
export const LATE_SHARE = 0.1;
/** Share sent early, in the days before the usual reporting window opens. */
const EARLY_SHARE = 0.05;
const EARLY_FROM_DAY = 12;
const WINDOW_FROM_DAY = 20;
/** Late reports arrive within this many days after the deadline. */
const LATE_WINDOW_DAYS = 20;
/** Cadres submit during the waking day, 07:00–21:59 WIB. */
const FIRST_HOUR = 7;
const LAST_HOUR = 21;

/** A correction follows its original by one hour to two weeks. */
const CORRECTION_DELAY_MINUTES = { min: 60, max: 14 * 24 * 60 };

/** Midnight (WIB) starting `day` of the month of `period`, in epoch ms. */
function jakartaMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - JAKARTA_OFFSET_MS;
}

function timeOfDayMs(random: Random): number {
  return (
    (random.int(FIRST_HOUR, LAST_HOUR) * 60 + random.int(0, 59)) * MINUTE_MS +
    random.int(0, 59) * 1000
  );
}

/** A random instant, whole days from `start` for `days` days, at a waking hour. */
function instantIn(start: number, days: number, random: Random): number {
  return start + random.int(0, days - 1) * DAY_MS + timeOfDayMs(random);
}

/** When a report for `period` is submitted (epoch ms): never before the period's own month. */
export function drawSubmissionTime(period: string, random: Random): number {
  const ym = parsePeriod(period);
  if (!ym) throw new RangeError(`malformed period "${period}"`);
  const deadline = onTimeDeadline(period);
  const roll = random.next();
  if (roll < LATE_SHARE) return instantIn(deadline, LATE_WINDOW_DAYS, random);
  if (roll < LATE_SHARE + EARLY_SHARE) {
    const start = jakartaMidnight(ym.year, ym.month, EARLY_FROM_DAY);
    return instantIn(start, WINDOW_FROM_DAY - EARLY_FROM_DAY, random);
  }
  const start = jakartaMidnight(ym.year, ym.month, WINDOW_FROM_DAY);
  return instantIn(start, Math.round((deadline - start) / DAY_MS), random);
}

/** A correction's submission time: later than the original's. */
export function drawCorrectionTime(originalMs: number, random: Random): number {
  return (
    originalMs + random.int(CORRECTION_DELAY_MINUTES.min, CORRECTION_DELAY_MINUTES.max) * MINUTE_MS
  );
}

const SECONDS_END = 19; // 'YYYY-MM-DDTHH:MM:SS'.length
const MILLIS_END = 23; // 'YYYY-MM-DDTHH:MM:SS.sss'.length

/** Strict ISO 8601 in Jakarta time with its offset: `2023-03-27T09:15:00+07:00`. */
export function formatJakarta(epochMs: number, { millis = false } = {}): string {
  const local = new Date(epochMs + JAKARTA_OFFSET_MS).toISOString();
  return `${local.slice(0, millis ? MILLIS_END : SECONDS_END)}+07:00`;
}
