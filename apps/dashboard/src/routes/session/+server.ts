// The sign-in session for closed reads. POST {"token"}: checked with the API, then kept in an
// HttpOnly cookie (204), or 400/502 {"problem"}; a body over SESSION_MAX_BYTES is a 413. DELETE:
// signs out. JSON, not a form post, so it works on whatever host name the dashboard is reached by.
import { json, type RequestHandler } from '@sveltejs/kit';
import { serverEnv } from '$lib/server/env';
import { BodyTooLarge, readLimitedText, tooLargeResponse } from '$lib/server/limited-body';
import { checkReadToken, SESSION_COOKIE, SESSION_MAX_AGE_S } from '$lib/server/session';

/** The token in a sign-in body, or '' when there is none. */
function tokenOf(text: string): string {
  try {
    const body = JSON.parse(text) as { token?: unknown } | null;
    return typeof body?.token === 'string' ? body.token.trim() : '';
  } catch {
    return '';
  }
}

export const POST: RequestHandler = async ({ cookies, request, url }) => {
  let text: string;
  try {
    // Anyone may post here, signed in or not: read no more than a sign-in can hold.
    text = await readLimitedText(request, serverEnv.sessionMaxBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLargeResponse(error);
    throw error;
  }
  const token = tokenOf(text);
  if (!token) return json({ problem: 'invalid' }, { status: 400 });
  const check = await checkReadToken(serverEnv.apiUrl, token);
  if (check !== 'ok')
    return json({ problem: check }, { status: check === 'unreachable' ? 502 : 400 });
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    // The URL's protocol comes from ORIGIN (adapter-node): set it to the https address in production.
    secure: url.protocol === 'https:',
    maxAge: SESSION_MAX_AGE_S,
  });
  return new Response(null, { status: 204 });
};

export const DELETE: RequestHandler = ({ cookies }) => {
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return new Response(null, { status: 204 });
};
