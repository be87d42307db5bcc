// Overview (/): loads the national picture for the period in the URL.
import { loadOverview } from '$lib/features/overview/overview.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadOverview(event);
