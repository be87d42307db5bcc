// JSON bodies must be UTF-8 (RFC 8259): bytes that are not are refused, never silently replaced.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';

/**
 * Reads the body, refuses it with a 400 when it is not valid UTF-8 (a JSON parser would
 * otherwise turn the bad bytes into U+FFFD and store a report nobody wrote); the route's JSON
 * validation reads the same bytes from Hono's body cache.
 */
export function utf8Body(): MiddlewareHandler {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const bytes = await c.req.arrayBuffer();
    try {
      decoder.decode(bytes);
    } catch {
      throw new ApiError(
        400,
        'invalid_request',
        'The body is not valid UTF-8: save or send it as UTF-8 text',
      );
    }
    return next();
  };
}
