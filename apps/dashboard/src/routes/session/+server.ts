// The sign-in session for closed reads. POST {"token"}: checked with the API, then kept in an
// HttpOnly cookie (204), or 400/502 {"problem"}. DELETE: signs out. JSON, not a form post, so it
// works on whatever host name the dashboard is reached by.
import { json, type RequestHandler } from '@sveltejs/kit';
import { serverEnv } from '$lib/server/env';
import { checkReadToken, SESSION_COOKIE, SESSION_MAX_AGE_S } from '$lib/server/session';

export const POST: RequestHandler = async ({ cookies, request, url }) => {
  const body = (await request.json().catch(() => null)) as { token?: unknown } | null;
  const token = typeof body?.token === 'string' ? body.token.trim() : '';
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
