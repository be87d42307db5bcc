// A village's profile: its reports over time with lineage, compared with its kecamatan and the nation.
import { redirect } from '@sveltejs/kit';
import { levelOfCode } from '@pantau/domain';
import { createApi } from '$lib/api/endpoints';
import { orError, type LoadInput } from '$lib/api/load';
import { reportFor } from './village';
import { hrefWith, periodOf } from '$lib/view/view-state';

/** Every flag one report can carry: three methods for each indicator. */
const FLAGS_LIMIT = 100;

export async function loadVillage({ fetch, url, params }: LoadInput<{ code: string }>) {
  const api = createApi(fetch, url.origin);
  const level = levelOfCode(params.code);
  // Any other area code is explored instead.
  if (level !== null && level !== 'village')
    redirect(307, hrefWith(url, `/explore/${params.code}`));
  const [area, history] = await orError(
    Promise.all([api.area(params.code), api.villageReports(params.code)]),
  );
  const report = reportFor(history.reports, periodOf(url));
  const period = report?.period ?? null;
  const district = area.parent_code;
  const [districtSeries, nationSeries, flags] = period
    ? await orError(
        Promise.all([
          district ? api.timeseries({ area: district, from: period, to: period }) : null,
          api.timeseries({ from: period, to: period }),
          api.qualityFlags({ parent: params.code, period, limit: FLAGS_LIMIT }),
        ]),
      )
    : [null, null, null];
  return {
    area,
    history,
    report,
    period,
    district: districtSeries?.points[0] ?? null,
    nation: nationSeries?.points[0] ?? null,
    flags: flags?.rows ?? [],
    loadedAt: Date.now(),
  };
}

export type VillageData = Awaited<ReturnType<typeof loadVillage>>;
