// GET /live: Server-Sent Events — each `reports.loaded` event from the loader, plus a heartbeat.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { liveEventSchema, REPORTS_LOADED } from '@pantau/domain';
import { requireRead } from '../auth/require-role';
import { liveViewOf } from '../auth/visibility';
import type { AppDeps } from '../deps';
import { ApiError, errorSchema, validationHook } from '../errors';
import { readErrors } from './read-errors';

/** When a refused client may try again: a stream is usually freed within this time. */
const RETRY_AFTER_S = 30;

export function liveRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/live',
    operationId: 'streamLoads',
    tags: ['live'],
    summary: 'Server-Sent Events: `reports.loaded` after every committed load, and a heartbeat',
    description:
      'Each event has `event: reports.loaded`, `id: <batch_id>` and `data: <LiveEvent as ' +
      'JSON>`. A comment line (`: heartbeat`) arrives every 15 s. A browser EventSource ' +
      'cannot send headers, so this endpoint also takes the token as `?access_token=`. A lead ' +
      'sees only events touching its scope, with the kecamatan, the counts and the new ' +
      'quality flags of its scope alone; only analysts, engineers and admins see `sources`. A client that falls more than ' +
      'LIVE_CLIENT_BUFFER_BYTES behind is disconnected (a browser reconnects by itself); past ' +
      'LIVE_MAX_CONNECTIONS open streams, a new one is refused with 503.',
    middleware: [requireRead(deps, { queryToken: true })] as const,
    security: [{ bearer: [] }],
    request: {
      query: z.object({
        access_token: z
          .string()
          .optional()
          .openapi({ description: 'The bearer token, for clients that cannot set headers' }),
      }),
    },
    responses: {
      200: {
        description: 'An endless event stream',
        content: {
          'text/event-stream': {
            schema: z.string().openapi({
              examples: [
                `event: ${REPORTS_LOADED}\nid: 6f1c…\ndata: {"type":"${REPORTS_LOADED}",…}\n\n`,
              ],
            }),
          },
        },
      },
      ...readErrors,
      503: {
        description: 'Too many open streams (LIVE_MAX_CONNECTIONS); try again after Retry-After',
        headers: z.object({
          'Retry-After': z.string().openapi({ examples: [String(RETRY_AFTER_S)] }),
        }),
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  });
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // The domain's schema comes from plain zod; wrapping its shape lets the document name it.
  app.openAPIRegistry.register('LiveEvent', z.object(liveEventSchema.shape).openapi('LiveEvent'));
  return app.openapi(route, (c) => {
    const stream = deps.live.open(liveViewOf(c.var.principal));
    if (!stream) {
      throw new ApiError(
        503,
        'too_many_streams',
        'The live stream serves as many clients as it may; try again shortly',
        undefined,
        { 'Retry-After': String(RETRY_AFTER_S) },
      );
    }
    return c.body(stream, 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
  });
}
