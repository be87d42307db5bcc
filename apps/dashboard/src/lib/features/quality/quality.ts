// Quality view state: its URL parameters, the filters of the flags table, and the flags' page.
import {
  INDICATORS,
  QUALITY_METHODS,
  QUALITY_STATUSES,
  type QualityMethod,
  type QualityStatus,
} from '@pantau/domain';

export const METHOD_PARAM = 'method';
export const STATUS_PARAM = 'status';
export const INDICATOR_PARAM = 'indicator';
export const PAGE_PARAM = 'page';
/** Flags per page of the table. */
export const FLAGS_PAGE_SIZE = 25;

export interface FlagFilters {
  method: QualityMethod | null;
  status: QualityStatus | null;
  indicator: string | null;
  page: number;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

const INDICATOR_CODES = INDICATORS.map((i) => i.code);

/** The flags table's filters in the URL; anything unknown is left out. */
export function flagFiltersOf(url: URL): FlagFilters {
  const page = Number(url.searchParams.get(PAGE_PARAM));
  return {
    method: oneOf(QUALITY_METHODS, url.searchParams.get(METHOD_PARAM)),
    status: oneOf(QUALITY_STATUSES, url.searchParams.get(STATUS_PARAM)),
    indicator: oneOf(INDICATOR_CODES, url.searchParams.get(INDICATOR_PARAM)),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** How many pages `total` flags fill. */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / FLAGS_PAGE_SIZE));
}
