// Bulletins (/buletin): the monthly editions the reader may open, with their PDFs.
import { loadBulletinEditions } from '$lib/features/bulletin/bulletin.load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadBulletinEditions(event);
