// The dashboard server's environment, read once at start from the one catalogue of variables:
// where the API lives, and how big a sign-in may be.
import { env } from '$env/dynamic/private';
import { parseEnv } from '@pantau/config';

const parsed = parseEnv(['API_URL', 'SESSION_MAX_BYTES'], env);

export const serverEnv = {
  /** Base URL of the Pantau API; `/api/*` requests are forwarded there. */
  apiUrl: new URL(parsed.API_URL),
  /** Largest body of POST /session (SESSION_MAX_BYTES). */
  sessionMaxBytes: parsed.SESSION_MAX_BYTES,
};
