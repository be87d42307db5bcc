// Bulletin (/buletin/{code}?period=): an area's month on one printable A4 page.
import { loadBulletin } from '$lib/features/bulletin/bulletin.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadBulletin(event);
