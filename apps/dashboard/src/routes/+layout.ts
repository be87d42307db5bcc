// Data every page shares: the month a page shows when its URL names none (the latest closed
// month, as the API resolves it), and the current month, which the period pickers end at.
import { periodOfInstant } from '@pantau/domain';
import { createApi } from '$lib/api/endpoints';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url }) => {
  const api = createApi(fetch, url.origin);
  // The smallest scores request there is (three programme regions) says which month is shown.
  const defaultPeriod = await api
    .scores({ level: 'region' })
    .then((scores) => scores.period)
    .catch(() => null);
  // Cadres report a month after it ends, but the month in progress stays selectable.
  return { defaultPeriod, currentPeriod: periodOfInstant(Date.now()) };
};
