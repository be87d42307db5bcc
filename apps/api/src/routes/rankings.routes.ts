// GET /rankings: areas of a level ranked by the DCI or a pillar, with the gap to the national mean.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LEVELS } from '@pantau/domain';
import { rankAreas } from '@pantau/warehouse';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { validationHook } from '../errors';
import { resolveParent, resolvePeriod } from '../read/read-scope';
import { limitParam, METRIC_CODES, metricParam, scopeQuery } from '../schemas/query-params';
import { jsonReadResponses } from './read-errors';

const RANKINGS_DEFAULT_LIMIT = 50;
const RANKINGS_MAX_LIMIT = 1_000;

export const rankingsSchema = z
  .object({
    period: z.string(),
    level: z.enum(LEVELS),
    parent: z.string().nullable(),
    pillar: z.enum(METRIC_CODES),
    order: z.enum(['desc', 'asc']),
    national_mean: z
      .number()
      .nullable()
      .openapi({ description: 'Mean over every reporting village of the country' }),
    rows: z.array(
      z
        .object({
          rank: z
            .number()
            .int()
            .openapi({ description: '1 = best (desc) or lowest (asc); ties share' }),
          code: z.string(),
          name: z.string(),
          value: z.number(),
          gap_to_national: z.number().nullable().openapi({ description: 'value − national mean' }),
          villages_reporting: z.number().int(),
        })
        .openapi('RankedArea'),
    ),
  })
  .openapi('Rankings');

export function rankingsRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/rankings',
    operationId: 'rankAreas',
    tags: ['scores'],
    summary: 'Areas ranked by the DCI or a pillar (areas without data are left out)',
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: {
      query: scopeQuery({
        pillar: metricParam,
        order: z
          .enum(['desc', 'asc'])
          .default('desc')
          .openapi({ description: 'desc: highest first; asc: lowest first' }),
        limit: limitParam(RANKINGS_DEFAULT_LIMIT, RANKINGS_MAX_LIMIT),
      }),
    },
    responses: {
      200: { description: 'Ranking', content: { 'application/json': { schema: rankingsSchema } } },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const period = await resolvePeriod(deps, query.period);
    const { national, rows } = await rankAreas(deps.warehouse.db, {
      level: query.level,
      parent,
      period,
      metric: query.pillar,
      order: query.order,
      limit: query.limit,
    });
    return c.json(
      {
        period,
        level: query.level,
        parent,
        pillar: query.pillar,
        order: query.order,
        national_mean: national,
        rows,
      },
      200,
    );
  });
}
