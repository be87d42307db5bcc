// Scope rules: the areas a lead may read and the village a cadre may report for.
import { ApiError } from '../errors';
import type { Principal } from './principal';

/** Whether `code` is the scope area itself or lies inside it (codes nest by prefix). */
export function isInside(scope: string, code: string): boolean {
  return code === scope || code.startsWith(`${scope}.`);
}

/** Whether the principal may read about `code`; null means the whole country. */
export function mayRead(principal: Principal, code: string | null): boolean {
  if (principal.role !== 'lead') return true;
  return principal.scope !== null && code !== null && isInside(principal.scope, code);
}

/**
 * Refuses (403) a lead reading outside its province or kabupaten. `code` is the area or parent
 * a request names; null (the whole country) is outside every lead's scope.
 */
export function assertMayRead(principal: Principal, code: string | null, parameter: string): void {
  if (mayRead(principal, code)) return;
  const what = code === null ? 'the whole country' : code;
  throw new ApiError(
    403,
    'forbidden',
    `This token reads only inside ${principal.scope ?? 'no area'}; ${parameter} names ${what}`,
    [{ field: parameter, value: code, scope: principal.scope }],
  );
}

/** Whether the principal may submit reports for `villageCode`: a cadre only for its own. */
export function mayReportFor(principal: Principal, villageCode: string): boolean {
  if (principal.role === 'cadre') return principal.scope === villageCode;
  return principal.role === 'engineer' || principal.role === 'admin';
}

/** Refuses (403) a report for a village the principal may not report for. */
export function assertMayReportFor(principal: Principal, villageCode: string): void {
  if (mayReportFor(principal, villageCode)) return;
  throw new ApiError(
    403,
    'forbidden',
    principal.role === 'cadre'
      ? `This cadre token reports only for village ${principal.scope}, not ${villageCode}`
      : `The role ${principal.role} may not submit reports`,
  );
}
