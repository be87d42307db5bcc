// The dashboard server's environment, read once at start: where the API lives.
import { env } from '$env/dynamic/private';

const DEFAULT_API_URL = 'http://127.0.0.1:8787';

function parseApiUrl(value: string | undefined): URL {
  const text = value === undefined || value === '' ? DEFAULT_API_URL : value;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`Invalid environment: API_URL=${JSON.stringify(text)}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid environment: API_URL=${JSON.stringify(text)}: use http or https`);
  }
  return url;
}

export const serverEnv = {
  /** Base URL of the Pantau API; `/api/*` requests are forwarded there. */
  apiUrl: parseApiUrl(env.API_URL),
};
