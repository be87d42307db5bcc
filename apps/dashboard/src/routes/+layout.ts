// Data every page shares: the latest period with data, which the period pickers end at.
import { createApi } from '$lib/api/endpoints';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url }) => {
  const api = createApi(fetch, url.origin);
  // The smallest scores request there is (three programme regions) says which month is latest.
  const latestPeriod = await api
    .scores({ level: 'region' })
    .then((scores) => scores.period)
    .catch(() => null);
  return { latestPeriod };
};
