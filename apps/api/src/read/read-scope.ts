// What a read request is about: its period (latest by default) and the areas it names, checked.
import { addMonths, monthsBetween } from '@pantau/domain';
import { defaultPeriod, type Area } from '@pantau/warehouse';
import { assertMayRead } from '../auth/scope';
import type { Principal } from '../auth/principal';
import type { AppDeps } from '../deps';
import { areaDirectoryOf } from './area-directory';
import { ApiError, badRequest } from '../errors';
import { MAX_SERIES_MONTHS } from '../schemas/query-params';

/**
 * The requested period, or DESIGN.md's default: the latest closed month (the month before now,
 * Asia/Jakarta), or the latest period with reports when that month has none.
 */
export async function resolvePeriod(deps: AppDeps, period: string | undefined): Promise<string> {
  if (period !== undefined) return period;
  return defaultPeriod(deps.warehouse.db, deps.clock());
}

export function unknownArea(code: string, parameter: string): ApiError {
  return new ApiError(404, 'not_found', `Area ${code} (${parameter}) was not found`, [
    { field: parameter, value: code },
  ]);
}

/**
 * Checks that the principal may read each area (403) and that each exists (404), in that
 * order, so a lead learns nothing about areas outside its scope. Returns them by code.
 */
export async function requireAreas(
  deps: AppDeps,
  principal: Principal,
  codes: readonly string[],
  parameter: string,
): Promise<Map<string, Area>> {
  for (const code of codes) assertMayRead(principal, code, parameter);
  const found = await areaDirectoryOf(deps.warehouse).find(codes);
  for (const code of codes) if (!found.has(code)) throw unknownArea(code, parameter);
  return found;
}

export async function requireArea(
  deps: AppDeps,
  principal: Principal,
  code: string,
  parameter: string,
): Promise<Area> {
  const areas = await requireAreas(deps, principal, [code], parameter);
  return areas.get(code)!;
}

/**
 * The parent a request names (null: the whole country), checked like any area. Handlers call
 * this before any query, so a refused or unknown area costs nothing and leaves no query
 * running behind the error.
 */
export async function resolveParent(
  deps: AppDeps,
  principal: Principal,
  parent: string | undefined,
  parameter = 'parent',
): Promise<string | null> {
  if (parent === undefined) {
    assertMayRead(principal, null, parameter);
    return null;
  }
  await requireArea(deps, principal, parent, parameter);
  return parent;
}

/** Months a series covers when the caller gives no `from`: a year, ending at `to`. */
export const DEFAULT_SERIES_MONTHS = 12;

/**
 * The months of a series: `to` defaults to the latest period with data, `from` to a year
 * before `to`. A `from` after the resolved `to` is a 400 naming `from`.
 */
export async function resolveSeries(
  deps: AppDeps,
  query: { from?: string; to?: string },
): Promise<{ from: string; to: string }> {
  const to = await resolvePeriod(deps, query.to);
  const from = query.from ?? addMonths(to, 1 - DEFAULT_SERIES_MONTHS);
  if (from > to) {
    throw badRequest(`Invalid query parameter "from": ${from} is after to ${to}`, [
      { location: 'query', field: 'from', message: `after to (${to})` },
    ]);
  }
  if (monthsBetween(from, to) + 1 > MAX_SERIES_MONTHS) {
    throw badRequest(
      `Invalid query parameter "from": a range spans at most ${MAX_SERIES_MONTHS} months`,
      [{ location: 'query', field: 'from', message: 'range too long' }],
    );
  }
  return { from, to };
}
