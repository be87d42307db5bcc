// One error shape for every failure: {"error": {"code", "message", "details"?}}.
import { z } from '@hono/zod-openapi';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from './logger';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof errorSchema>;

/**
 * An error a handler throws on purpose: its status, code, message and headers (a 401's
 * WWW-Authenticate, a 503's Retry-After) reach the client.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>[],
    /** Headers the answer carries (Retry-After on a 429 or 503). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** How long a client should wait before sending again, when Redis is unreachable. */
const QUEUE_RETRY_AFTER_S = 5;

/** The queue (Redis) cannot take work now: nothing was accepted, send it again later. */
export function queueUnavailable(detail?: string): ApiError {
  return new ApiError(
    503,
    'queue_unavailable',
    `The queue (Redis) is unreachable: nothing was accepted, send it again in a few seconds${detail ? ` (${detail})` : ''}`,
    undefined,
    { 'Retry-After': String(QUEUE_RETRY_AFTER_S) },
  );
}

/** The realm a 401 names (RFC 6750): every token of this API is good for all of it. */
const REALM = 'pantau';

/**
 * 401 with the challenge RFC 6750 asks for: `Bearer realm="pantau"`, plus
 * `error="invalid_token"` when a token came and was not good.
 */
export function unauthorized(message: string, tokenSent: boolean): ApiError {
  const challenge = tokenSent
    ? `Bearer realm="${REALM}", error="invalid_token"`
    : `Bearer realm="${REALM}"`;
  return new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': challenge });
}

/** 413: the body is over the limit for this endpoint. */
export function payloadTooLarge(maxBytes: number, what: string): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `${what} takes at most ${maxBytes.toLocaleString('en-US')} bytes: send less per request`,
    [{ limit_bytes: maxBytes }],
  );
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `${what} was not found`);
}

export function badRequest(message: string, details?: Record<string, unknown>[]): ApiError {
  return new ApiError(400, 'invalid_request', message, details);
}

export function errorBody(
  code: string,
  message: string,
  details?: Record<string, unknown>[],
): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

const STATUS_CODES: Partial<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'unavailable',
  507: 'insufficient_storage',
};

const json = { 'application/json': { schema: errorSchema } };

/** The documented 401 of every endpoint that takes a token. */
export const unauthorizedResponse = {
  description: 'No token, or a token that is not valid',
  headers: z.object({
    'WWW-Authenticate': z.string().openapi({
      description:
        'Bearer realm="pantau", with error="invalid_token" when the token sent is not valid',
      examples: ['Bearer realm="pantau"'],
    }),
  }),
  content: json,
};

/** The documented 413 of an endpoint with a body limit. */
export function payloadTooLargeResponse(variable: string) {
  return {
    description: `The body is over the limit (${variable}); details give limit_bytes`,
    content: json,
  };
}

/** Maps any thrown error to the error shape; a 500 never carries the stack or the message. */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c: Context) => {
    if (error instanceof ApiError) {
      return c.json(
        errorBody(error.code, error.message, error.details),
        error.status,
        error.headers,
      );
    }
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      return c.json(
        errorBody(STATUS_CODES[status] ?? 'http_error', error.message || 'Request failed'),
        status,
      );
    }
    logger.error({ err: error, path: c.req.path, req_id: c.get('requestId') }, 'unhandled error');
    return c.json(
      errorBody('internal_error', 'Something went wrong on our side; it has been logged'),
      500,
    );
  };
}

interface ValidationFailure {
  success: false;
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  target: string;
}

const TARGET_NAMES: Record<string, string> = {
  query: 'query parameter',
  param: 'path parameter',
  json: 'body field',
  header: 'header',
  form: 'form field',
};

/** The validation hook of every route: a 400 naming each bad parameter. */
export function validationHook(
  result: { success: true } | ValidationFailure,
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const where = TARGET_NAMES[result.target] ?? result.target;
  const details = result.error.issues.map((issue) => ({
    location: result.target,
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = details[0];
  const message = first
    ? `Invalid ${where} "${first.field || result.target}": ${first.message}`
    : 'Invalid request';
  return c.json(errorBody('invalid_request', message, details), 400);
}
