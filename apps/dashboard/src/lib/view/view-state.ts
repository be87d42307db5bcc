// The state every view shares through its URL (language, period, metric) and links that keep it.
import { isPeriod, isPillarCode, type Level } from '@pantau/domain';
import type { Metric } from '$lib/i18n';
import { LANG_PARAM } from '$lib/i18n/lang';

export const PERIOD_PARAM = 'period';
export const METRIC_PARAM = 'pillar';

/** Parameters that follow the user from page to page; the others belong to one page. */
export const SHARED_PARAMS = [LANG_PARAM, PERIOD_PARAM, METRIC_PARAM] as const;

export function periodOf(url: URL): string | null {
  const value = url.searchParams.get(PERIOD_PARAM);
  return value !== null && isPeriod(value) ? value : null;
}

export const AS_OF_PARAM = 'as_of';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day (YYYY-MM-DD) a view reads the reports as they stood at, or null for now. */
export function asOfDayOf(url: URL): string | null {
  const value = url.searchParams.get(AS_OF_PARAM);
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** The end of that day in Asia/Jakarta, as the API's `as_of` timestamp. */
export function asOfTimestamp(day: string): string {
  return `${day}T23:59:59+07:00`;
}

export function metricOf(url: URL): Metric {
  const value = url.searchParams.get(METRIC_PARAM);
  return value !== null && isPillarCode(value) ? value : 'dci';
}

export type ParamChanges = Record<string, string | number | null | undefined>;

/**
 * A link to `path` that keeps the shared parameters of `current` (and, when `path` is the same
 * page, all of its parameters), then applies `changes` (null or undefined removes one).
 */
export function hrefWith(current: URL, path: string, changes: ParamChanges = {}): string {
  const samePage = path === current.pathname;
  const params = new URLSearchParams();
  for (const [key, value] of current.searchParams) {
    if (samePage || (SHARED_PARAMS as readonly string[]).includes(key)) params.append(key, value);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  // Defaults stay out of the URL so that shared links are short.
  if (params.get(METRIC_PARAM) === 'dci') params.delete(METRIC_PARAM);
  if (params.get(LANG_PARAM) === 'id') params.delete(LANG_PARAM);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Where an area's page lives: villages have a profile, other areas are explored. */
export function areaPath(code: string, level: Level): string {
  return level === 'village' ? `/village/${code}` : `/explore/${code}`;
}

/** The administrative level below `level` (the country's children are provinces). */
export function childLevelOf(level: Level | 'country'): Level | null {
  switch (level) {
    case 'country':
    case 'region':
      return 'province';
    case 'province':
      return 'regency';
    case 'regency':
      return 'district';
    case 'district':
      return 'village';
    default:
      return null;
  }
}
