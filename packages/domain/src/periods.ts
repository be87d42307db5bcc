// Reporting periods ('YYYY-MM'), month arithmetic and the on-time rule, in Asia/Jakarta time.

/** Asia/Jakarta is UTC+7 all year (no daylight saving). */
export const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A report is on time when submitted before this day of the following month, 00:00 Jakarta. */
const ON_TIME_BEFORE_DAY = 11;

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface YearMonth {
  year: number;
  month: number; // 1–12
}

export function parsePeriod(value: string): YearMonth | null {
  const m = PERIOD_PATTERN.exec(value);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

function requirePeriod(value: string): YearMonth {
  const ym = parsePeriod(value);
  if (!ym) throw new RangeError(`malformed period "${value}", expected YYYY-MM`);
  return ym;
}

function monthIndex({ year, month }: YearMonth): number {
  return year * 12 + (month - 1);
}

function fromMonthIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** A period as a month number (year × 12 + month − 1), for windows that range over months. */
export function monthNumber(period: string): number {
  return monthIndex(requirePeriod(period));
}

/** The period of a monthNumber. */
export function periodOfMonth(month: number): string {
  return fromMonthIndex(month);
}

export function addMonths(period: string, months: number): string {
  return fromMonthIndex(monthIndex(requirePeriod(period)) + months);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(requirePeriod(to)) - monthIndex(requirePeriod(from));
}

/** Every period from `from` to `to`, both included; empty when `from` is after `to`. */
export function periodRange(from: string, to: string): string[] {
  const start = monthIndex(requirePeriod(from));
  const end = monthIndex(requirePeriod(to));
  const periods: string[] = [];
  for (let i = start; i <= end; i++) periods.push(fromMonthIndex(i));
  return periods;
}

/** The period (month) an instant falls in, read in Asia/Jakarta time. */
export function periodOfInstant(epochMs: number): string {
  const local = new Date(epochMs + JAKARTA_OFFSET_MS);
  return fromMonthIndex(local.getUTCFullYear() * 12 + local.getUTCMonth());
}

/** First instant that is no longer on time for a period: the 11th of the next month, 00:00 WIB. */
export function onTimeDeadline(period: string): number {
  const { year, month } = requirePeriod(period);
  // Date.UTC month is 0-based, so `month` is already the following month.
  return Date.UTC(year, month, ON_TIME_BEFORE_DAY) - JAKARTA_OFFSET_MS;
}

export function isOnTime(period: string, submittedAtMs: number): boolean {
  return submittedAtMs < onTimeDeadline(period);
}
