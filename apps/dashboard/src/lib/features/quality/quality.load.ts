// Quality (/kualitas?parent=…): flag counts per area, the flags table and indicator completeness.
import { createApi } from '$lib/api/endpoints';
import { orError, type LoadInput } from '$lib/api/load';
import { PARENT_PARAM, rowsLevel } from '$lib/features/completeness/completeness';
import { periodOf } from '$lib/view/view-state';
import { FLAGS_PAGE_SIZE, flagFiltersOf } from './quality';

export async function loadQuality({ fetch, url }: LoadInput) {
  const api = createApi(fetch, url.origin);
  const parent = url.searchParams.get(PARENT_PARAM) || null;
  const level = rowsLevel(parent);
  const period = periodOf(url);
  const filters = flagFiltersOf(url);
  const [area, summary, indicators, flags] = await orError(
    Promise.all([
      parent ? api.area(parent) : Promise.resolve(null),
      api.qualitySummary({ level, parent, period }),
      api.qualityIndicators({ level, parent, period }),
      api.qualityFlags({
        parent,
        period,
        method: filters.method,
        status: filters.status,
        indicator: filters.indicator,
        limit: FLAGS_PAGE_SIZE,
        offset: (filters.page - 1) * FLAGS_PAGE_SIZE,
      }),
    ]),
  );
  return { parent, area, level, filters, summary, indicators, flags, loadedAt: Date.now() };
}

export type QualityData = Awaited<ReturnType<typeof loadQuality>>;
