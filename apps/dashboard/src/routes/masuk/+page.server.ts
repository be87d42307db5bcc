// Sign-in (/masuk?next=…): whether a session is open, and the page to go back to.
import { safeNext, SESSION_COOKIE } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ cookies, url }) => ({
  signedIn: cookies.get(SESSION_COOKIE) !== undefined,
  next: safeNext(url.searchParams.get('next'), url.origin),
});
