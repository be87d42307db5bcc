// Whether a `reports.loaded` event changes what an API request returned: by period and by area.
import { REGIONS, type ReportsLoadedEvent } from '@pantau/domain';

export type LoadedScope = Pick<ReportsLoadedEvent, 'periods' | 'districts'>;

/** API paths whose answers never change with a load (the hierarchy, documentation). */
const STATIC_PATHS = [/^\/api\/v1\/areas(\/|$)/, /^\/api\/v1\/(openapi\.json|docs)$/, /\/live$/];

/**
 * API paths about the loads themselves (the last hour's counts): every load changes them,
 * whatever its periods and places — even one whose rows were all rejected.
 */
const RECENT_LOAD_PATHS = [/^\/api\/v1\/summary$/];

export function aboutRecentLoads(url: URL): boolean {
  return RECENT_LOAD_PATHS.some((pattern) => pattern.test(url.pathname));
}

const provincesOfRegion = new Map(REGIONS.map((r) => [r.code, new Set(r.provinces)]));

/** Area codes a request is scoped to; empty means the whole country. */
export function scopeCodes(url: URL): string[] {
  const village = /^\/api\/v1\/villages\/([^/]+)\//.exec(url.pathname)?.[1];
  if (village) return [decodeURIComponent(village)];
  const codes: string[] = [];
  for (const name of ['parent', 'area']) {
    const value = url.searchParams.get(name);
    if (value) codes.push(value);
  }
  const areas = url.searchParams.get('areas');
  if (areas) codes.push(...areas.split(',').filter(Boolean));
  return codes;
}

/** Whether loads in `district` (a kecamatan code) change the numbers of area `code`. */
export function areaTouched(code: string, district: string): boolean {
  const provinces = provincesOfRegion.get(code);
  if (provinces) return provinces.has(district.slice(0, 2));
  // An ancestor shares the district's prefix; a village lies inside the district.
  return district === code || district.startsWith(`${code}.`) || code.startsWith(`${district}.`);
}

/**
 * Whether the periods a request covers include one of `periods`. A request without a period is
 * about the latest month (`latest`, when known): a load of that month or a later one touches it.
 */
export function periodTouched(
  url: URL,
  periods: readonly string[],
  latest: string | null = null,
): boolean {
  const period = url.searchParams.get('period');
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  if (period) return periods.includes(period);
  if (from && to) return periods.some((p) => p >= from && p <= to);
  // An open end defaults to the latest month, which a load of a newer month moves.
  if (from) return periods.some((p) => p >= from);
  if (latest === null) return true;
  return periods.some((p) => p >= latest && (!to || p <= to));
}

/**
 * Whether the answer to the API request `url` may differ after a load covering `scope`;
 * `latest` is the latest period with data, which requests without a period are about.
 */
export function touches(url: URL, scope: LoadedScope, latest: string | null = null): boolean {
  if (!url.pathname.startsWith('/api/')) return false;
  if (STATIC_PATHS.some((pattern) => pattern.test(url.pathname))) return false;
  if (aboutRecentLoads(url)) return true;
  if (!periodTouched(url, scope.periods, latest)) return false;
  const codes = scopeCodes(url);
  if (codes.length === 0) return true;
  return codes.some((code) => scope.districts.some((district) => areaTouched(code, district)));
}

/** Merges the scopes of several events, so one refresh answers a burst of loads. */
export function mergeScopes(scopes: readonly LoadedScope[]): LoadedScope {
  return {
    periods: [...new Set(scopes.flatMap((s) => s.periods))].sort(),
    districts: [...new Set(scopes.flatMap((s) => s.districts))].sort(),
  };
}
