// Server hooks: same-origin proxy of /api/* to the API (with a signed-in session's token on
// reads), the page language in <html lang>, and the security headers on every response.
import type { Handle } from '@sveltejs/kit';
import { langOf } from '$lib/i18n/lang';
import { serverEnv } from '$lib/server/env';
import { proxyToApi } from '$lib/server/proxy';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { SESSION_COOKIE, sessionTokenFor } from '$lib/server/session';

const API_PATH = /^\/api(\/|$)/;

export const handle: Handle = async ({ event, resolve }) => {
  if (API_PATH.test(event.url.pathname)) {
    let clientAddress: string | null = null;
    try {
      clientAddress = event.getClientAddress();
    } catch {
      // Requests SvelteKit makes to itself during SSR have no client address.
    }
    const sessionToken = sessionTokenFor(event.request.method, event.cookies.get(SESSION_COOKIE));
    return withSecurityHeaders(
      await proxyToApi(event.request, serverEnv.apiUrl, clientAddress, sessionToken),
    );
  }
  const lang = langOf(event.url);
  return withSecurityHeaders(
    await resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', lang),
    }),
  );
};
