// GET /distribution: how the DCI or a pillar spreads over the areas of a scope (histogram, quantiles).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LEVELS } from '@pantau/domain';
import { getDistribution } from '@pantau/warehouse';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { validationHook } from '../errors';
import { resolveParent, resolvePeriod } from '../read/read-scope';
import { asOfParam, METRIC_CODES, metricParam, scopeQuery } from '../schemas/query-params';
import { jsonReadResponses } from './read-errors';

const DEFAULT_BINS = 10;
const MAX_BINS = 100;

export const distributionSchema = z
  .object({
    period: z.string(),
    level: z.enum(LEVELS),
    parent: z.string().nullable(),
    pillar: z.enum(METRIC_CODES),
    count: z.number().int().openapi({ description: 'Areas with a value' }),
    mean: z.number().nullable().openapi({ description: 'Unweighted mean over those areas' }),
    quantiles: z
      .object({
        p10: z.number(),
        p25: z.number(),
        p50: z.number(),
        p75: z.number(),
        p90: z.number(),
      })
      .nullable()
      .openapi({ description: 'Interpolated quantiles; null when no area has a value' }),
    bins: z
      .array(z.object({ from: z.number(), to: z.number(), count: z.number().int() }))
      .openapi({ description: 'Equal-width bins over 0–100; the last includes 100' }),
  })
  .openapi('Distribution');

export function distributionRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/distribution',
    operationId: 'getDistribution',
    tags: ['scores'],
    summary: 'Histogram and quantiles (p10 … p90) of a score over the areas of a level',
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: {
      query: scopeQuery({
        pillar: metricParam,
        bins: z.coerce
          .number()
          .int()
          .min(1)
          .max(MAX_BINS)
          .default(DEFAULT_BINS)
          .openapi({ description: `Number of bins (default ${DEFAULT_BINS}, max ${MAX_BINS})` }),
        as_of: asOfParam,
      }),
    },
    responses: {
      200: {
        description: 'Distribution',
        content: { 'application/json': { schema: distributionSchema } },
      },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const period = await resolvePeriod(deps, query.period);
    const distribution = await getDistribution(deps.warehouse.db, {
      level: query.level,
      parent,
      period,
      metric: query.pillar,
      bins: query.bins,
      asOf: query.as_of,
    });
    return c.json(
      { period, level: query.level, parent, pillar: query.pillar, ...distribution },
      200,
    );
  });
}
