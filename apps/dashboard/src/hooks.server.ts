// Server hooks: same-origin proxy of /api/* to the API, and the page language in <html lang>.
import type { Handle } from '@sveltejs/kit';
import { langOf } from '$lib/i18n/lang';
import { serverEnv } from '$lib/server/env';
import { proxyToApi } from '$lib/server/proxy';

const API_PATH = /^\/api(\/|$)/;

export const handle: Handle = async ({ event, resolve }) => {
  if (API_PATH.test(event.url.pathname)) {
    let clientAddress: string | null = null;
    try {
      clientAddress = event.getClientAddress();
    } catch {
      // Requests SvelteKit makes to itself during SSR have no client address.
    }
    return proxyToApi(event.request, serverEnv.apiUrl, clientAddress);
  }
  const lang = langOf(event.url);
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', lang),
  });
};
