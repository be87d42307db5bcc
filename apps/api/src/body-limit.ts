// Request-body limits: past its endpoint's limit a body is refused with a 413 in the error shape,
// before a handler buffers or parses it.
import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import { payloadTooLarge } from './errors';

/**
 * Refuses a body over `maxBytes`: at once when Content-Length says so, else as soon as that
 * many bytes have arrived (Hono's bodyLimit, which then hands the handler the bytes it read).
 * `what` names the endpoint in the message.
 */
export function limitBody(maxBytes: number, what: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw payloadTooLarge(maxBytes, what);
    },
  });
}
