// Village (/village/{code}): loads the village's reports and lineage.
import { loadVillage } from '$lib/features/village/village.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadVillage(event);
