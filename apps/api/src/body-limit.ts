// Request-body limits: past its endpoint's limit a body is refused with a 413 in the error shape,
// before a handler buffers or parses it.
import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import { payloadTooLarge } from './errors';

/**
 * Refuses a body over `maxBytes`: at once when Content-Length says so, else as soon as that
 * many bytes have arrived (Hono's bodyLimit, which then hands the handler the bytes it read).
 * `what` names the endpoint in the message.
 *
 * A body with a Content-Length is judged by the header alone (Node's parser reads exactly that
 * many bytes), without touching the request's stream: Hono's bodyLimit asks for it first,
 * which makes @hono/node-server build a web Request and stream for every request, where
 * `arrayBuffer()` and `json()` otherwise read the body straight from Node's.
 */
export function limitBody(maxBytes: number, what: string): MiddlewareHandler {
  const tooLarge = () => {
    throw payloadTooLarge(maxBytes, what);
  };
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined)
      return streamed(c, next);
    if (Number.parseInt(length, 10) > maxBytes) tooLarge();
    await next();
  };
}
