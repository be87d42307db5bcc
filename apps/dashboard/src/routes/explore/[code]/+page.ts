// Explore (/explore/{code}): loads an area, its children and their trends.
import { loadExplore } from '$lib/features/explore/explore.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadExplore(event);
