// GET /compare: 2–6 areas side by side — pillars, DCI, rank within parent, gap to the nation, trend.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LEVELS, PILLAR_CODES, stageOf, type PillarScores } from '@pantau/domain';
import { compareAreas, getAreaTimeseries } from '@pantau/warehouse';
import { requireRead } from '../auth/require-role';
import type { AppDeps } from '../deps';
import { validationHook } from '../errors';
import { requireAreas, resolvePeriod, resolveSeries } from '../read/read-scope';
import { areaCode, checkPeriodRange, optionalPeriod, periodParam } from '../schemas/query-params';
import { pillarScoresSchema, stageSchema, timeseriesPointSchema } from '../schemas/scores.schemas';
import { readErrors } from './read-errors';

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 6;

const areasParam = z
  .string()
  .max(MAX_COMPARE * 14)
  .transform((list) => list.split(',').map((code) => code.trim()))
  .pipe(
    z
      .array(areaCode)
      .min(MIN_COMPARE, `compare at least ${MIN_COMPARE} areas`)
      .max(MAX_COMPARE, `compare at most ${MAX_COMPARE} areas`)
      .refine((codes) => new Set(codes).size === codes.length, 'an area is listed twice'),
  )
  .openapi({
    description: `${MIN_COMPARE}–${MAX_COMPARE} comma-separated area codes of any level`,
    example: '15.02,15.03,15.04',
    type: 'string',
  });

export const comparisonSchema = z
  .object({
    period: z.string(),
    from: z.string(),
    to: z.string(),
    national: z.object({ dci: z.number().nullable(), pillars: pillarScoresSchema }),
    areas: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          level: z.enum(LEVELS),
          dci: z.number().nullable(),
          stage: stageSchema,
          pillars: pillarScoresSchema,
          villages_reporting: z.number().int(),
          rank: z
            .object({
              parent: z.string().nullable().openapi({ description: 'null: the whole country' }),
              position: z.number().int().nullable().openapi({ description: '1 = highest DCI' }),
              of: z.number().int().openapi({ description: 'Siblings of the level with data' }),
            })
            .openapi({ description: 'Rank by DCI among the areas of the same level and parent' }),
          gap_to_national: z
            .object({ dci: z.number().nullable(), pillars: pillarScoresSchema })
            .openapi({ description: 'Area minus national mean; null where either is missing' }),
          trend: z.array(timeseriesPointSchema),
        })
        .openapi('ComparedArea'),
    ),
  })
  .openapi('Comparison');

function gap(value: number | null, national: number | null): number | null {
  return value === null || national === null ? null : value - national;
}

export function compareRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/compare',
    tags: ['scores'],
    summary: 'Compare 2–6 areas: pillars, DCI, rank within parent, gap to national mean, trend',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: {
      query: z
        .object({
          areas: areasParam,
          period: optionalPeriod,
          from: periodParam
            .optional()
            .openapi({ description: 'Trend start (default: 11 months before to)' }),
          to: periodParam.optional().openapi({ description: 'Trend end (default: the period)' }),
        })
        .superRefine(checkPeriodRange),
    },
    responses: {
      200: {
        description: 'Comparison',
        content: { 'application/json': { schema: comparisonSchema } },
      },
      ...readErrors,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const areas = await requireAreas(deps, c.var.principal, query.areas, 'areas');
    const period = await resolvePeriod(deps, query.period);
    const range = await resolveSeries(deps, { from: query.from, to: query.to ?? period });
    const [comparison, ...trends] = await Promise.all([
      compareAreas(deps.warehouse.db, { codes: query.areas, period }),
      ...query.areas.map((area) => getAreaTimeseries(deps.warehouse.db, { area, ...range })),
    ]);
    const { national } = comparison;
    return c.json(
      {
        period,
        ...range,
        national,
        areas: comparison.areas.map((scores, i) => {
          const area = areas.get(scores.code)!;
          return {
            code: scores.code,
            name: area.name,
            level: area.level,
            dci: scores.dci,
            stage: scores.dci === null ? null : stageOf(scores.dci),
            pillars: scores.pillars,
            villages_reporting: scores.villages_reporting,
            rank: { parent: scores.rank_parent, position: scores.rank, of: scores.ranked },
            gap_to_national: {
              dci: gap(scores.dci, national.dci),
              pillars: Object.fromEntries(
                PILLAR_CODES.map((p) => [p, gap(scores.pillars[p], national.pillars[p])]),
              ) as PillarScores,
            },
            trend: trends[i] ?? [],
          };
        }),
      },
      200,
    );
  });
}
