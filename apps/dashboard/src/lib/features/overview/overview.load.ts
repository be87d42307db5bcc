// Overview: province scores, the national 24-month trend, villages per stage, and the loads of the
// last hour with data freshness.
import { redirect } from '@sveltejs/kit';
import { addMonths, levelOfCode } from '@pantau/domain';
import { createApi } from '$lib/api/endpoints';
import { leadScopeOf, orError, type LoadInput } from '$lib/api/load';
import { overviewKpis } from './overview';
import { areaPath, hrefWith, metricOf, periodOf } from '$lib/view/view-state';

/** Months in the trend chart, the current one included. */
const TREND_MONTHS = 24;
/** Five equal DCI bins are exactly the five stages (0–20, …, 80–100). */
const STAGE_BINS = 5;

export async function loadOverview({ fetch, url }: LoadInput) {
  const api = createApi(fetch, url.origin);
  const metric = metricOf(url);
  const provinces = await orError(
    api.scores({ level: 'province', period: periodOf(url) }).catch((failure: unknown) => {
      // A regional lead's token reads only its province or kabupaten: that is its overview.
      const scope = leadScopeOf(failure);
      const level = scope ? levelOfCode(scope) : null;
      if (scope && level) redirect(307, hrefWith(url, areaPath(scope, level)));
      throw failure;
    }),
  );
  const period = provinces.period;
  const [trend, stages, summary] = await orError(
    Promise.all([
      api.timeseries({ from: addMonths(period, 1 - TREND_MONTHS), to: period }),
      api.distribution({ level: 'village', period, pillar: 'dci', bins: STAGE_BINS }),
      api.summary(),
    ]),
  );
  const lastLoaded = summary.last_loaded_at;
  return {
    period,
    metric,
    provinces: provinces.rows,
    trend: trend.points,
    kpis: overviewKpis(provinces.rows, trend.points, stages.bins),
    summary,
    lastLoadAt: lastLoaded ? Date.parse(lastLoaded) : null,
    loadedAt: Date.now(),
  };
}

export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;
