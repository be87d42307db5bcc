// The monthly bulletin of an area (/buletin/{code}?period=), and the list of stored editions.
import { createApi } from '$lib/api/endpoints';
import { orError, type LoadInput } from '$lib/api/load';
import { periodOf } from '$lib/view/view-state';

export async function loadBulletin({ fetch, url, params }: LoadInput<{ code: string }>) {
  const api = createApi(fetch, url.origin);
  const bulletin = await orError(api.bulletin(params.code, { period: periodOf(url) }));
  return { bulletin, loadedAt: Date.now() };
}

export type BulletinData = Awaited<ReturnType<typeof loadBulletin>>;

export async function loadBulletinEditions({ fetch, url }: LoadInput) {
  const api = createApi(fetch, url.origin);
  const editions = await orError(api.bulletinEditions({ period: periodOf(url) }));
  return { editions: editions.rows, loadedAt: Date.now() };
}

export type BulletinEditionsData = Awaited<ReturnType<typeof loadBulletinEditions>>;
