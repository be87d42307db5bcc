// Compare: 2 or more listed areas side by side (the API is asked six at a time), or, with
// ?of=<code>, every area directly below that one (all kabupaten/kota of a province) in one request.
import { addMonths } from '@pantau/domain';
import { createApi } from '$lib/api/endpoints';
import { orError, type LoadInput } from '$lib/api/load';
import {
  AREAS_PARAM,
  childrenOf,
  chunkAreas,
  CHILDREN_OF_PARAM,
  mergeComparisons,
  parseAreas,
} from './compare';
import { periodOf } from '$lib/view/view-state';

const TREND_MONTHS = 24;
const PROVINCES = 38;

export async function loadCompare({ fetch, url }: LoadInput) {
  const api = createApi(fetch, url.origin);
  const below = childrenOf(url.searchParams.get(CHILDREN_OF_PARAM));
  const listed = below ? [] : parseAreas(url.searchParams.get(AREAS_PARAM));
  const listProvinces = () => api.listAreas({ level: 'province', limit: PROVINCES });
  if (!below && listed.length < 2) {
    const [provinces, single] = await orError(
      Promise.all([listProvinces(), listed[0] ? api.area(listed[0]) : Promise.resolve(null)]),
    );
    return {
      codes: listed,
      of: null,
      provinces: provinces.rows,
      single,
      comparison: null,
      loadedAt: Date.now(),
    };
  }
  // Without a period the API answers for the latest; the smallest scores request says which
  // month that is, so the trend can reach back from it.
  const period = periodOf(url) ?? (await orError(api.scores({ level: 'region' }))).period;
  const range = { period, from: addMonths(period, 1 - TREND_MONTHS), to: period };
  const [provinces, of, comparison] = await orError(
    Promise.all([
      listProvinces(),
      below ? api.area(below.parent) : Promise.resolve(null),
      below
        ? api.compare({ level: below.level, parent: below.parent, ...range })
        : Promise.all(
            chunkAreas(listed).map((chunk) => api.compare({ areas: chunk, ...range })),
          ).then(mergeComparisons),
    ]),
  );
  return {
    codes: below ? (comparison?.areas.map((a) => a.code) ?? []) : listed,
    of,
    provinces: provinces.rows,
    single: null,
    comparison,
    loadedAt: Date.now(),
  };
}

export type CompareData = Awaited<ReturnType<typeof loadCompare>>;
