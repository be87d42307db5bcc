// Forwards a request to the API, streaming bodies both ways with backpressure (uploads of any
// size, the SSE stream). Node's http client is used rather than fetch: fetch reads a streamed
// request body as fast as it arrives, so a 1 GB upload would sit in memory (measured).
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** Hop-by-hop headers belong to one connection and are never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  // Node's server has already answered it.
  'expect',
]);

/** Statuses that carry no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * The headers sent on to the API. Cookies stay here: the API authenticates bearer tokens only,
 * and a signed-in session's token (`sessionToken`) goes as one unless the request has its own.
 */
export function forwardedHeaders(
  headers: Headers,
  clientAddress: string | null,
  sessionToken?: string,
): Headers {
  const out = new Headers();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (!HOP_BY_HOP.has(key) && key !== 'cookie') out.set(name, value);
  }
  if (sessionToken && !out.has('authorization')) out.set('authorization', `Bearer ${sessionToken}`);
  if (clientAddress) {
    const previous = headers.get('x-forwarded-for');
    out.set('x-forwarded-for', previous ? `${previous}, ${clientAddress}` : clientAddress);
  }
  return out;
}

export function upstreamUrl(apiUrl: URL, requestUrl: URL): URL {
  const base = apiUrl.pathname.replace(/\/+$/, '');
  return new URL(`${base}${requestUrl.pathname}${requestUrl.search}`, apiUrl);
}

function responseHeaders(headers: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.append(name, item);
  }
  // Proxies in front of us must not buffer the event stream.
  if (out.get('content-type')?.startsWith('text/event-stream')) {
    out.set('cache-control', 'no-cache, no-transform');
    out.set('x-accel-buffering', 'no');
  }
  return out;
}

/**
 * adapter-node stops an upload past BODY_SIZE_LIMIT by failing the body with a 413: say so in
 * the error shape, rather than blame the API. Null for any other failure.
 */
function refusedAsTooLarge(error: unknown): Response | null {
  if ((error as { status?: unknown } | null)?.status !== 413) return null;
  return Response.json(
    {
      error: {
        code: 'payload_too_large',
        message: 'The upload is larger than the dashboard passes on (BODY_SIZE_LIMIT)',
      },
    },
    { status: 413 },
  );
}

function unreachable(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  return Response.json(
    { error: { code: 'api_unreachable', message: `The API could not be reached: ${message}` } },
    { status: 502 },
  );
}

function toResponse(upstream: IncomingMessage): Response {
  const status = upstream.statusCode ?? 502;
  const body = NO_BODY.has(status)
    ? null
    : (Readable.toWeb(upstream) as unknown as ReadableStream<Uint8Array>);
  if (body === null) upstream.resume();
  return new Response(body, {
    status,
    statusText: upstream.statusMessage,
    headers: responseHeaders(upstream.headers),
  });
}

/** Sends `request` to the API at `apiUrl` and returns its response, bodies streamed. */
export function proxyToApi(
  request: Request,
  apiUrl: URL,
  clientAddress: string | null,
  sessionToken?: string,
): Promise<Response> {
  const target = upstreamUrl(apiUrl, new URL(request.url));
  const headers = Object.fromEntries(
    forwardedHeaders(request.headers, clientAddress, sessionToken),
  );
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const upstream = send(target, { method: request.method, headers });
    upstream.once('response', (response) => resolve(toResponse(response)));
    upstream.once('error', (error) => resolve(unreachable(error)));
    request.signal.addEventListener('abort', () => upstream.destroy(), { once: true });
    if (request.body === null || request.method === 'GET' || request.method === 'HEAD') {
      upstream.end();
      return;
    }
    // pipe() pauses the client's upload whenever the API is slower to read it.
    const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
    body.once('error', (error) => {
      const refused = refusedAsTooLarge(error);
      if (refused) resolve(refused);
      upstream.destroy(error);
    });
    body.pipe(upstream);
  });
}
