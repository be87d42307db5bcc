// GET /timeseries: an area's DCI, pillars and reporting villages, month by month.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getAreaTimeseries } from '@pantau/warehouse';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { validationHook } from '../errors';
import { resolveParent, resolveSeries } from '../read/read-scope';
import {
  areaCode,
  asOfParam,
  checkPeriodRange,
  periodParam,
  ONCE_PARAMS_VALID,
} from '../schemas/query-params';
import { timeseriesPointSchema } from '../schemas/scores.schemas';
import { jsonReadResponses } from './read-errors';

export const timeseriesSchema = z
  .object({
    area: z.string().nullable().openapi({ description: 'null: the whole country' }),
    from: z.string(),
    to: z.string(),
    points: z.array(timeseriesPointSchema).openapi({ description: 'One per month, gaps included' }),
  })
  .openapi('Timeseries');

export function timeseriesRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/timeseries',
    operationId: 'getTimeseries',
    tags: ['scores'],
    summary: "An area's scores per month from `from` to `to` (default: the last 12 months)",
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: {
      query: z
        .object({
          area: areaCode.optional().openapi({
            description: 'Area code of any level; omitted means the whole country',
            examples: ['15.02'],
          }),
          from: periodParam.optional(),
          to: periodParam.optional(),
          as_of: asOfParam,
        })
        .superRefine(checkPeriodRange, ONCE_PARAMS_VALID),
    },
    responses: {
      200: {
        description: 'Monthly scores',
        content: { 'application/json': { schema: timeseriesSchema } },
      },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const area = await resolveParent(deps, c.var.principal, query.area, 'area');
    const range = await resolveSeries(deps, query);
    const points = await getAreaTimeseries(deps.warehouse.db, {
      area,
      ...range,
      asOf: query.as_of,
    });
    return c.json({ area, ...range, points }, 200);
  });
}
