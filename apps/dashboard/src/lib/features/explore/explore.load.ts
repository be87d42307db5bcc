// Explore an area: its children's scores (this month and last), trends against parent and nation,
// and the distribution of its villages' scores. With an "as of" day, every read a chart shows is
// of the reports as they stood at the end of that day (the corrections badge reads now).
import { error, redirect } from '@sveltejs/kit';
import { addMonths, REGIONS } from '@pantau/domain';
import { createApi } from '$lib/api/endpoints';
import { orError, unlessOutOfScope, type LoadInput } from '$lib/api/load';
import { leaderRows, parseDir, parseSort, DIR_PARAM, SORT_PARAM } from './leaderboard';
import {
  asOfDayOf,
  asOfTimestamp,
  childLevelOf,
  hrefWith,
  metricOf,
  periodOf,
} from '$lib/view/view-state';

const TREND_MONTHS = 24;
const HISTOGRAM_BINS = 10;

export async function loadExplore({ fetch, url, params }: LoadInput<{ code: string }>) {
  const api = createApi(fetch, url.origin);
  const area = await orError(api.area(params.code));
  // A village has no areas below it: its page is the profile.
  if (area.level === 'village') redirect(307, hrefWith(url, `/village/${area.code}`));
  const childLevel = childLevelOf(area.level);
  if (childLevel === null) error(404, `${area.name} (${area.code}) has no areas below it`);
  const metric = metricOf(url);
  const asOfDay = asOfDayOf(url);
  const as_of = asOfDay && asOfTimestamp(asOfDay);
  const children = await orError(
    api.scores({ level: childLevel, parent: area.code, period: periodOf(url), as_of }),
  );
  const period = children.period;
  const from = addMonths(period, 1 - TREND_MONTHS);
  const parentCode = area.parent_code ?? (area.level === 'province' ? area.region_code : null);
  const [previous, reporting, trend, parentTrend, nationTrend, distribution, revisions] =
    await orError(
      Promise.all([
        api.scores({ level: childLevel, parent: area.code, period: addMonths(period, -1), as_of }),
        // Only the counts are shown here, not the list of missing villages.
        api.completeness({
          level: childLevel,
          parent: area.code,
          period,
          missing_limit: 1,
          as_of,
        }),
        api.timeseries({ area: area.code, from, to: period, as_of }),
        parentCode
          ? unlessOutOfScope(api.timeseries({ area: parentCode, from, to: period, as_of }))
          : Promise.resolve(null),
        unlessOutOfScope(api.timeseries({ from, to: period, as_of })),
        api.distribution({
          level: 'village',
          parent: area.code,
          period,
          pillar: metric,
          bins: HISTOGRAM_BINS,
          as_of,
        }),
        api.revisions({ parent: area.code, period }),
      ]),
    );
  const sort = parseSort(url.searchParams.get(SORT_PARAM));
  const parentName =
    area.ancestors.at(-1)?.name ?? REGIONS.find((r) => r.code === parentCode)?.name ?? parentCode;
  return {
    area,
    childLevel,
    period,
    metric,
    sort,
    dir: parseDir(url.searchParams.get(DIR_PARAM), sort),
    rows: leaderRows(children.rows, previous.rows, reporting.rows),
    trend: trend.points,
    parent: parentTrend ? { name: parentName ?? '', points: parentTrend.points } : null,
    nation: nationTrend?.points ?? null,
    distribution,
    asOfDay,
    /** Reports of the period that later corrections replaced (the badge). */
    replaced: revisions.reports_replaced,
    loadedAt: Date.now(),
  };
}

export type ExploreData = Awaited<ReturnType<typeof loadExplore>>;
