// GET /revisions: what late corrections changed in a month, per area below a parent.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listRevisions } from '@pantau/warehouse';
import { requireRead } from '../auth/require-role';
import type { AppDeps } from '../deps';
import { validationHook } from '../errors';
import { resolveParent, resolvePeriod } from '../read/read-scope';
import { optionalPeriod, parentParam } from '../schemas/query-params';
import { readErrors } from './read-errors';

export const revisionsSchema = z
  .object({
    period: z.string(),
    parent: z.string().nullable(),
    reports_replaced: z.number().int().openapi({ description: 'Over every row' }),
    rows: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          dci_before: z.number().openapi({ description: 'From each village’s first report' }),
          dci_after: z.number().openapi({ description: 'From the reports stored now' }),
          reports_replaced: z.number().int(),
          villages_revised: z.number().int(),
          last_replaced_at: z.string(),
        })
        .openapi('AreaRevision'),
    ),
  })
  .openapi('Revisions');

export function revisionsRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    operationId: 'listRevisions',
    path: '/revisions',
    tags: ['scores'],
    summary:
      'Per area one level below the parent: DCI before → after the corrections of a month, and the reports replaced (areas with none left out)',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: { query: z.object({ parent: parentParam, period: optionalPeriod }) },
    responses: {
      200: {
        description: 'Revisions',
        content: { 'application/json': { schema: revisionsSchema } },
      },
      ...readErrors,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const period = await resolvePeriod(deps, query.period);
    const rows = await listRevisions(deps.warehouse.db, { parent, period });
    return c.json(
      {
        period,
        parent,
        reports_replaced: rows.reduce((n, r) => n + r.reports_replaced, 0),
        rows: rows.map((r) => ({ ...r, last_replaced_at: r.last_replaced_at.toISOString() })),
      },
      200,
    );
  });
}
