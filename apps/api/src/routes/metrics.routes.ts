// GET /metrics: the API process's Prometheus metrics, for engineers' scrapers.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PIPELINE_ROLES } from '../auth/principal';
import { requireRole } from '../auth/require-role';
import type { AppDeps } from '../deps';
import { errorSchema, unauthorizedResponse, validationHook } from '../errors';

export function metricsRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tags: ['system'],
    summary: 'Prometheus metrics: HTTP, queues, loader, report outcomes, live streams',
    description:
      'Prometheus text format. Queue depths and throughput are the pipeline console’s data, so ' +
      'a scraper needs the same engineer (or admin) token, set as the scrape job’s ' +
      '`authorization: { credentials: … }`.',
    middleware: [requireRole(deps, PIPELINE_ROLES)] as const,
    security: [{ bearer: [] }],
    responses: {
      200: {
        description: 'The metrics (text/plain; version=0.0.4)',
        content: { 'text/plain': { schema: z.string() } },
      },
      401: unauthorizedResponse,
      403: {
        description: 'Only engineers and admins',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { contentType, text } = await deps.metrics.scrape();
    return c.text(text, 200, { 'content-type': contentType });
  });
}
