// Completeness (/completeness?parent=…): loads reporting rates and missing villages.
import { loadCompleteness } from '$lib/features/completeness/completeness.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadCompleteness(event);
