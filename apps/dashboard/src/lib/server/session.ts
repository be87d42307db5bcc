// Signing in to the dashboard when the API's reads are closed (PUBLIC_READ=off): the person's API
// token is kept in an HttpOnly cookie, and the /api proxy sends it as the bearer token of reads.
// Writes (imports, reports, tokens) never use it: they carry their own Authorization header, so
// a page on another site can never make the dashboard write on someone's behalf.
import { apiErrorOf } from '$lib/api/api-error';
import { upstreamUrl } from './proxy';

export const SESSION_COOKIE = 'pantau_token';
/** A working day; signing in again after that is cheap. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
/** The methods a session token is sent with. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/** The session's token for a proxied request, or undefined when it must not carry one. */
export function sessionTokenFor(method: string, cookie: string | undefined): string | undefined {
  return READ_METHODS.has(method.toUpperCase()) && cookie ? cookie : undefined;
}

/**
 * Where to go after signing in: a page of this site (`origin`), never another. `next` is read as
 * a browser would read it against the page (tabs and newlines dropped, backslashes as slashes,
 * percent-escapes kept), and only a same-origin result counts; what comes back is that URL's
 * own path, query and hash, so no spelling of another host (`/\t/evil`, `/\\evil`,
 * `https:evil`) can slip through. Anything else leads to the overview.
 */
export function safeNext(next: string | null | undefined, origin: string): string {
  if (!next) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that starts with two slashes would be read as another host when followed.
  return path.startsWith('//') ? '/' : path;
}

export type TokenCheck = 'ok' | 'invalid' | 'no-read' | 'unreachable';

/**
 * Asks the API whether `token` may read, with the national list of programme regions: 200 for
 * a national reader; 403 naming a scope for a lead (it reads inside that province or kabupaten);
 * 403 without one for a role that cannot read (a cadre); 401 for an unknown or revoked token.
 */
export async function checkReadToken(
  apiUrl: URL,
  token: string,
  fetcher: typeof fetch = fetch,
): Promise<TokenCheck> {
  const url = upstreamUrl(apiUrl, new URL('http://dashboard/api/v1/areas?level=region&limit=1'));
  try {
    const response = await fetcher(url, { headers: { authorization: `Bearer ${token}` } });
    if (response.ok) {
      await response.arrayBuffer();
      return 'ok';
    }
    const refusal = await apiErrorOf(response);
    if (refusal.status === 401) return 'invalid';
    if (refusal.status === 403) return refusal.scope ? 'ok' : 'no-read';
    return 'unreachable';
  } catch {
    return 'unreachable';
  }
}
