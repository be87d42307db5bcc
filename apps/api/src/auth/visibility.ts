// What a caller may see of each record. Personal data — cadres' names and ids, report notes,
// submission and source ids, the values of rejected submissions — is for analysts and up (a
// lead inside its scope, which the read checks already enforce); anonymous readers
// (PUBLIC_READ=on) see areas, scores, completeness and villages' indicator values only. Routes
// pass their records through here rather than deciding field by field themselves.
import type { LiveEvent, ReportsLoadedEvent } from '@pantau/domain';
import { ApiError } from '../errors';
import type { Principal, Role } from './principal';
import { isInside } from './scope';

/** Roles that see personal data (cadres read only their own submissions: see below). */
const PERSONAL_DATA_ROLES: readonly Role[] = ['analyst', 'lead', 'engineer', 'admin'];
/** Roles that read any submission by id. */
const LINEAGE_ROLES: readonly Role[] = ['engineer', 'admin'];

/** Whether the caller sees personal data in what it may read at all. */
export function seesPersonalData(principal: Principal): boolean {
  return principal.role !== 'anonymous' && PERSONAL_DATA_ROLES.includes(principal.role);
}

/** Raw exports are the reports with their cadre ids, notes and lineage: analysts and up. */
export function assertMayExportRaw(principal: Principal): void {
  if (seesPersonalData(principal)) return;
  throw new ApiError(
    403,
    'forbidden',
    'raw=true exports carry cadre ids, notes and lineage: they need an analyst token or higher',
    [{ field: 'raw', value: true }],
  );
}

/**
 * Whether the caller may read one submission: engineers and admins any, a cadre only those of
 * its own village (the only village its token may submit for), nobody else.
 */
export function maySeeSubmission(
  principal: Principal,
  submission: { village_code: string | null },
): boolean {
  if (principal.role === 'cadre') {
    return principal.scope !== null && submission.village_code === principal.scope;
  }
  return principal.role !== 'anonymous' && LINEAGE_ROLES.includes(principal.role);
}

/** The fields of each record that are personal data: nulled for callers who may not see it. */
export const PERSONAL_FIELDS = {
  /** A village's report version: who filed it, what they wrote, which submission it was. */
  report: ['cadre_id', 'notes', 'submission_id'],
  /** A replaced version, and which submission replaced it. */
  replacedReport: ['cadre_id', 'notes', 'submission_id', 'replaced_by'],
  /** A village that has not reported, and its cadre. */
  missingVillage: ['cadre_id', 'cadre_name'],
  /** A quality flag's follow-up: who looked at it and what they wrote. */
  qualityFlag: ['comment', 'updated_by'],
} as const;

/** `T` with the fields `K` allowed to be null. */
export type Hidden<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };

/** `record` as the caller may see it: its `fields` nulled unless it sees personal data. */
function hide<T, K extends keyof T>(
  principal: Principal,
  record: T,
  fields: readonly K[],
): Hidden<T, K> {
  if (seesPersonalData(principal)) return record;
  const copy = { ...record } as Hidden<T, K>;
  for (const field of fields) (copy as Record<K, unknown>)[field] = null;
  return copy;
}

export function visibleReport<T extends Record<(typeof PERSONAL_FIELDS.report)[number], unknown>>(
  principal: Principal,
  report: T,
) {
  return hide(principal, report, PERSONAL_FIELDS.report);
}

export function visibleReplacedReport<
  T extends Record<(typeof PERSONAL_FIELDS.replacedReport)[number], unknown>,
>(principal: Principal, report: T) {
  return hide(principal, report, PERSONAL_FIELDS.replacedReport);
}

export function visibleMissingVillage<
  T extends Record<(typeof PERSONAL_FIELDS.missingVillage)[number], unknown>,
>(principal: Principal, village: T) {
  return hide(principal, village, PERSONAL_FIELDS.missingVillage);
}

export function visibleQualityFlag<
  T extends Record<(typeof PERSONAL_FIELDS.qualityFlag)[number], unknown>,
>(principal: Principal, flag: T) {
  return hide(principal, flag, PERSONAL_FIELDS.qualityFlag);
}

/** A cadre from the roster, or null when the caller may not see who it is. */
export function visibleCadre<T>(principal: Principal, cadre: T | null): T | null {
  return seesPersonalData(principal) ? cadre : null;
}

/**
 * A village's submissions (their ids, and the values of rejected ones), or null when the caller
 * may not see them.
 */
export function visibleSubmissions<T>(principal: Principal, submissions: T[]): T[] | null {
  return seesPersonalData(principal) ? submissions : null;
}

/** How the live stream shows events to one kind of caller; `key` names the view. */
export interface LiveView {
  /** Callers with the same key see the same thing: an event is serialised once per key. */
  key: string;
  /** The event as this view sees it, or null when it shows nothing the view may see. */
  project(event: ReportsLoadedEvent): LiveEvent | null;
}

function withoutDistrictCounts(event: ReportsLoadedEvent): LiveEvent {
  const live: Omit<ReportsLoadedEvent, 'district_counts' | 'district_flags'> & {
    district_counts?: unknown;
    district_flags?: unknown;
  } = { ...event };
  delete live.district_counts;
  delete live.district_flags;
  return live;
}

/** Field-by-field sums of count records, starting from `zero` (which names every field). */
function sum<T extends Record<string, number>>(zero: T, counts: readonly T[]): T {
  const total: Record<string, number> = { ...zero };
  for (const c of counts)
    for (const key of Object.keys(total)) total[key] = (total[key] ?? 0) + (c[key] ?? 0);
  return total as T;
}

/**
 * What of the live stream a caller sees. Analysts, engineers and admins: every event whole
 * (sources included). Anonymous readers: every event without its sources. A lead: only events
 * touching its province or kabupaten, with the kecamatan, the counts and the new flags of its
 * scope alone, and no sources (a source's other rows may lie anywhere).
 */
export function liveViewOf(principal: Principal): LiveView {
  if (principal.role === 'lead') {
    const scope = principal.scope ?? '';
    return {
      key: `lead:${scope}`,
      project(event) {
        const districts = event.districts.filter((district) => isInside(scope, district));
        const counted = Object.entries(event.district_counts).filter(([district]) =>
          isInside(scope, district),
        );
        const flagged = Object.entries(event.district_flags).filter(([district]) =>
          isInside(scope, district),
        );
        if (districts.length === 0 && counted.length === 0 && flagged.length === 0) return null;
        return {
          ...withoutDistrictCounts(event),
          counts: sum(
            { imported: 0, updated: 0, ignored: 0, rejected: 0 },
            counted.map(([, counts]) => counts),
          ),
          new_flags: sum(
            { total: 0, history: 0, peer: 0, stuck: 0 },
            flagged.map(([, flags]) => flags),
          ),
          districts,
          sources: [],
        };
      },
    };
  }
  if (seesPersonalData(principal)) return { key: 'full', project: withoutDistrictCounts };
  return { key: 'public', project: (event) => ({ ...withoutDistrictCounts(event), sources: [] }) };
}
