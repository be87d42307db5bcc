// Compare: 2 or more areas side by side (the API is asked six at a time), or, with ?of=<province>,
// all kabupaten/kota of a province in one step.
import { redirect } from '@sveltejs/kit';
import { addMonths, levelOfCode } from '@pantau/domain';
import { createApi } from '$lib/api/endpoints';
import { orError, type LoadInput } from '$lib/api/load';
import {
  AREAS_PARAM,
  chunkAreas,
  MAX_AREAS,
  mergeComparisons,
  parseAreas,
  PROVINCE_PARAM,
} from './compare';
import { hrefWith, periodOf } from '$lib/view/view-state';

const TREND_MONTHS = 24;
const PROVINCES = 38;

export async function loadCompare({ fetch, url }: LoadInput) {
  const api = createApi(fetch, url.origin);
  const province = url.searchParams.get(PROVINCE_PARAM);
  if (province && levelOfCode(province) === 'province') {
    const regencies = await orError(
      api.listAreas({ level: 'regency', parent: province, limit: MAX_AREAS }),
    );
    redirect(
      307,
      hrefWith(url, url.pathname, {
        [PROVINCE_PARAM]: null,
        [AREAS_PARAM]: regencies.rows
          .map((r) => r.code)
          .sort()
          .join(','),
      }),
    );
  }
  const codes = parseAreas(url.searchParams.get(AREAS_PARAM));
  const listProvinces = () => api.listAreas({ level: 'province', limit: PROVINCES });
  if (codes.length < 2) {
    const [provinces, single] = await orError(
      Promise.all([listProvinces(), codes[0] ? api.area(codes[0]) : Promise.resolve(null)]),
    );
    return { codes, provinces: provinces.rows, single, comparison: null, loadedAt: Date.now() };
  }
  // Without a period the API answers for the latest; ask once to learn which month that is.
  const period = periodOf(url) ?? (await orError(api.compare({ areas: codes.slice(0, 2) }))).period;
  const from = addMonths(period, 1 - TREND_MONTHS);
  const [provinces, parts] = await orError(
    Promise.all([
      listProvinces(),
      Promise.all(
        chunkAreas(codes).map((chunk) => api.compare({ areas: chunk, period, from, to: period })),
      ),
    ]),
  );
  return {
    codes,
    provinces: provinces.rows,
    single: null,
    comparison: mergeComparisons(parts),
    loadedAt: Date.now(),
  };
}

export type CompareData = Awaited<ReturnType<typeof loadCompare>>;
