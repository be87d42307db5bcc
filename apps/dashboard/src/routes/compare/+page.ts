// Compare (/compare?areas=…): loads the comparison of the areas in the URL.
import { loadCompare } from '$lib/features/compare/compare.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadCompare(event);
