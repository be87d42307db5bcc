// The HTTP server of the API, with the timeouts its uploads need.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

/** `requestTimeout: 0` turns Node's whole-request timeout off. */
const UPLOADS_NEVER_TIMED_OUT = 0;
/** A client still sending its headers after this long is cut (Node's default would follow the
 *  request timeout down to 0, i.e. never). */
const HEADERS_TIMEOUT_MS = 60_000;

interface Fetchable {
  fetch: (request: Request) => Response | Promise<Response>;
}

/**
 * Serves the app on `port`. Node cuts a request after 300 s by default (requestTimeout): a
 * large import uploads for longer, so there is no whole-request limit; slow senders are still
 * cut by the headers timeout, and bodies are bounded by the routes' own limits.
 */
export function serveApi(
  app: Fetchable,
  port: number,
  onListening: (port: number) => void,
): Server {
  return serve(
    {
      fetch: app.fetch,
      port,
      serverOptions: {
        requestTimeout: UPLOADS_NEVER_TIMED_OUT,
        headersTimeout: HEADERS_TIMEOUT_MS,
      },
    },
    (info) => onListening(info.port),
  ) as Server;
}
