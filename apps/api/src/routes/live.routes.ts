// GET /live: Server-Sent Events — each `reports.loaded` event from the loader, plus a heartbeat.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { REPORTS_LOADED, reportsLoadedEventSchema, type ReportsLoadedEvent } from '@pantau/domain';
import { streamSSE } from 'hono/streaming';
import type { Principal } from '../auth/principal';
import { requireRead } from '../auth/require-role';
import { isInside } from '../auth/scope';
import type { AppDeps } from '../deps';
import { validationHook } from '../errors';
import { readErrors } from './read-errors';

/** Proxies and browsers drop idle connections; a comment line every 15 s keeps them open. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after the stream drops. */
const RETRY_MS = 3_000;

/** What of an event a principal may see: a lead only the districts inside its scope. */
export function visibleEvent(
  principal: Principal,
  event: ReportsLoadedEvent,
): ReportsLoadedEvent | null {
  if (principal.role !== 'lead') return event;
  const scope = principal.scope ?? '';
  const districts = event.districts.filter((district) => isInside(scope, district));
  return districts.length === 0 ? null : { ...event, districts };
}

export function liveRoutes(deps: AppDeps, options: { heartbeatMs?: number } = {}) {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const route = createRoute({
    method: 'get',
    path: '/live',
    tags: ['live'],
    summary: 'Server-Sent Events: `reports.loaded` after every committed load, and a heartbeat',
    description:
      'Each event has `event: reports.loaded`, `id: <batch_id>` and `data: <ReportsLoadedEvent ' +
      'as JSON>`. A comment line (`: heartbeat`) arrives every 15 s. A browser EventSource ' +
      'cannot send headers, so this endpoint also takes the token as `?access_token=`. A lead ' +
      'sees only events touching its scope, with the districts outside it left out.',
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
              example: `event: ${REPORTS_LOADED}\nid: 6f1c…\ndata: {"type":"${REPORTS_LOADED}",…}\n\n`,
            }),
          },
        },
      },
      ...readErrors,
    },
  });
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // The domain's schema comes from plain zod; wrapping its shape lets the document name it.
  app.openAPIRegistry.register(
    'ReportsLoadedEvent',
    z.object(reportsLoadedEventSchema.shape).openapi('ReportsLoadedEvent'),
  );
  return app.openapi(route, (c) => {
    const principal = c.var.principal;
    return streamSSE(c, async (stream) => {
      const unsubscribe = deps.live.subscribe((event) => {
        const visible = visibleEvent(principal, event);
        if (!visible) return;
        void stream.writeSSE({
          event: REPORTS_LOADED,
          id: visible.batch_id,
          data: JSON.stringify(visible),
        });
      });
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), heartbeatMs);
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      await stream.write(`retry: ${RETRY_MS}\n: connected\n\n`);
      await closed;
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
