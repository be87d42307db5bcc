// Numbers, periods and times as people read them: one decimal, decimal comma in Indonesian.
import { localeOf, type Lang } from './lang';

const NONE = '—';
const MINUS = '−';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(lang), options);
    cache.set(key, format);
  }
  return format;
}

const ONE_DECIMAL = { minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;

/** A score or any measured number, with exactly one decimal ("45,3" / "45.3"). */
export function formatScore(lang: Lang, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return numberFormat(lang, ONE_DECIMAL).format(value).replace('-', MINUS);
}

/** A change, always signed ("+1,2", "−0,5"). */
export function formatDelta(lang: Lang, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const rounded = Math.round(value * 10) / 10;
  const text = numberFormat(lang, ONE_DECIMAL).format(Math.abs(rounded));
  if (rounded === 0) return `±${text}`;
  return `${rounded > 0 ? '+' : MINUS}${text}`;
}

/** Whole counts with thousands separators ("83.763" / "83,763"). */
export function formatCount(lang: Lang, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A ratio in 0–1 as a percentage with one decimal ("93,4%"). */
export function formatRate(lang: Lang, ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return NONE;
  return numberFormat(lang, { style: 'percent', ...ONE_DECIMAL }).format(ratio);
}

/** A raw indicator value in its unit. */
export function formatRaw(
  lang: Lang,
  value: number | boolean | null | undefined,
  unit: string,
  words: { yes: string; no: string },
): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (unit === 'count' || unit === 'ordinal' || unit === 'rupiah') return formatCount(lang, value);
  return formatScore(lang, value);
}

const MONTHS: Record<Lang, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** 'YYYY-MM' as "Des 2024" / "Dec 2024"; anything else unchanged. */
export function formatPeriod(lang: Lang, period: string | null | undefined): string {
  if (!period) return NONE;
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const month = match ? MONTHS[lang][Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : period;
}

/** Times are read in Asia/Jakarta, where the programme runs (WIB). */
const TIME_ZONE = 'Asia/Jakarta';

export function formatDateTime(lang: Lang, value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return NONE;
  const text = new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
  return `${text} WIB`;
}

export function formatTime(lang: Lang, value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return NONE;
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

const SECOND = 1;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Below this, "just now" reads better than "0 s ago". */
const JUST_NOW = 1;

export type AgoUnit = 'now' | 'seconds' | 'minutes' | 'hours' | 'days';

/** How long ago, in the largest whole unit: the caller turns it into words. */
export function agoParts(seconds: number): { unit: AgoUnit; n: number } {
  const s = Math.max(0, seconds);
  if (s < JUST_NOW) return { unit: 'now', n: 0 };
  if (s < MINUTE) return { unit: 'seconds', n: Math.floor(s) };
  if (s < HOUR) return { unit: 'minutes', n: Math.floor(s / MINUTE) };
  if (s < DAY) return { unit: 'hours', n: Math.floor(s / HOUR) };
  return { unit: 'days', n: Math.floor(s / DAY) };
}

const DURATION_UNITS: Record<Lang, { ms: string; s: string; min: string; h: string; d: string }> = {
  id: { ms: 'ms', s: 'dtk', min: 'mnt', h: 'jam', d: 'hari' },
  en: { ms: 'ms', s: 's', min: 'min', h: 'h', d: 'd' },
};

/** A latency in the unit that reads best: "850 ms", "12,3 dtk", "4,5 mnt", "2,1 jam". */
export function formatDuration(lang: Lang, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  const units = DURATION_UNITS[lang];
  if (Math.abs(ms) < 1_000) return `${formatCount(lang, ms)} ${units.ms}`;
  if (Math.abs(ms) < 60_000) return `${formatScore(lang, ms / 1_000)} ${units.s}`;
  if (Math.abs(ms) < 3_600_000) return `${formatScore(lang, ms / 60_000)} ${units.min}`;
  if (Math.abs(ms) < 86_400_000) return `${formatScore(lang, ms / 3_600_000)} ${units.h}`;
  return `${formatScore(lang, ms / 86_400_000)} ${units.d}`;
}
