// Data quality (/kualitas?parent=…): flags by area and method, the flags to follow up.
import { loadQuality } from '$lib/features/quality/quality.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadQuality(event);
