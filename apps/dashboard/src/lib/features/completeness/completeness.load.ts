// Completeness: reporting and on-time rates of the areas inside a parent for a period, and the
// villages of a small scope that have not reported.
import { createApi } from '$lib/api/endpoints';
import { orError, type LoadInput } from '$lib/api/load';
import { MISSING_LIMIT, PARENT_PARAM, rowsLevel } from './completeness';
import { periodOf } from '$lib/view/view-state';

export async function loadCompleteness({ fetch, url }: LoadInput) {
  const api = createApi(fetch, url.origin);
  const parent = url.searchParams.get(PARENT_PARAM) || null;
  const level = rowsLevel(parent);
  const [area, completeness] = await orError(
    Promise.all([
      parent ? api.area(parent) : Promise.resolve(null),
      api.completeness({ level, parent, period: periodOf(url), missing_limit: MISSING_LIMIT }),
    ]),
  );
  return { parent, area, level, completeness, loadedAt: Date.now() };
}

export type CompletenessData = Awaited<ReturnType<typeof loadCompleteness>>;
