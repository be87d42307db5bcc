// Strict ISO 8601 timestamps as the report contract accepts them; no offset means Asia/Jakarta.
import { JAKARTA_OFFSET_MS } from './periods';

const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

const MAX_OFFSET_MINUTES = 14 * 60;

/** A device clock this far ahead of Pantau's is tolerated; beyond it, a time is the future. */
export const CLOCK_SKEW_MS = 10 * 60_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function offsetMs(zone: string | undefined): number | null {
  if (zone === undefined) return JAKARTA_OFFSET_MS;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * Epoch milliseconds of a strict ISO 8601 timestamp (`YYYY-MM-DDTHH:MM:SS`, optional fraction,
 * then `Z`, `±HH:MM` or nothing for Asia/Jakarta), or null when it is malformed or not a real
 * calendar time. Fractions beyond milliseconds are truncated.
 */
export function parseTimestamp(value: string): number | null {
  const m = TIMESTAMP_PATTERN.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = offsetMs(m[8]);
  if (offset === null) return null;
  const millis = m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0;
  // Date.UTC reads years 0–99 as 1900–1999; set the year separately to keep it exact.
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  utc.setUTCFullYear(year);
  return utc.getTime() - offset;
}
