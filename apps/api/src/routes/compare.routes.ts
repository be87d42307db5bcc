// GET /compare: areas side by side — 2–6 named ones, or every area of a level inside a parent —
// with pillars, DCI, rank within parent, gap to the nation, trend.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LEVELS, PILLAR_CODES, stageOf, type Level, type PillarScores } from '@pantau/domain';
import {
  compareAreas,
  compareAreasIn,
  countAreasIn,
  getAreaTimeseries,
  listAreaTimeseries,
  type ComparedArea,
  type NationalScores,
  type TimeseriesPoint,
} from '@pantau/warehouse';
import type { Principal } from '../auth/principal';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { badRequest, validationHook } from '../errors';
import { requireAreas, resolveParent, resolvePeriod, resolveSeries } from '../read/read-scope';
import {
  areaCode,
  checkLevelBelowParent,
  checkPeriodRange,
  levelParam,
  optionalPeriod,
  parentParam,
  periodParam,
  type RefinementContext,
  ONCE_PARAMS_VALID,
} from '../schemas/query-params';
import { pillarScoresSchema, stageSchema, timeseriesPointSchema } from '../schemas/scores.schemas';
import { jsonReadResponses } from './read-errors';

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 6;
/**
 * Most areas `level` + `parent` may name. Every kabupaten/kota of a province fits (Jawa Timur
 * has the most, 38), every kecamatan of a kabupaten (at most 51), and the villages of all but
 * 8 of the 7,277 kecamatan; a national list of kabupaten does not.
 */
export const MAX_COMPARE_CHILDREN = 60;

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
    examples: ['15.02,15.03,15.04'],
    type: 'string',
  });

export const comparisonSchema = z
  .object({
    level: z
      .enum(LEVELS)
      .nullable()
      .openapi({ description: 'The level asked for with parent; null when areas were listed' }),
    parent: z
      .string()
      .nullable()
      .openapi({ description: 'The parent asked for with level; null: the country, or a list' }),
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

/** Refinement: either a list of areas or a level (with an optional parent), not both. */
function checkCompareMode(
  query: { areas?: string[]; level?: Level; parent?: string },
  ctx: RefinementContext,
): void {
  if (query.areas !== undefined && query.level !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['areas'],
      message: 'give either areas or a level (with parent), not both',
    });
  } else if (query.areas === undefined && query.level === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: query.parent === undefined ? ['areas'] : ['level'],
      message:
        query.parent === undefined
          ? `give ${MIN_COMPARE}–${MAX_COMPARE} areas, or a level (and parent) to compare all its areas`
          : 'a level is needed with parent: the level of the areas inside it to compare',
    });
  }
}

/** One compared area as the response gives it. */
function comparedJson(
  scores: ComparedArea,
  area: { name: string; level: Level },
  national: NationalScores,
  trend: TimeseriesPoint[],
) {
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
    trend,
  };
}

interface SeriesQuery {
  period?: string;
  from?: string;
  to?: string;
}

/** The areas a request lists, each ranked among its own siblings. */
async function compareListed(
  deps: AppDeps,
  principal: Principal,
  query: SeriesQuery & { areas: string[] },
) {
  const db = deps.warehouse.db;
  const areas = await requireAreas(deps, principal, query.areas, 'areas');
  const period = await resolvePeriod(deps, query.period);
  const range = await resolveSeries(deps, { from: query.from, to: query.to ?? period });
  const [comparison, ...trends] = await Promise.all([
    compareAreas(db, { codes: query.areas, period }),
    ...query.areas.map((area) => getAreaTimeseries(db, { area, ...range })),
  ]);
  const { national } = comparison;
  return {
    level: null,
    parent: null,
    period,
    ...range,
    national,
    areas: comparison.areas.map((scores, i) =>
      comparedJson(scores, areas.get(scores.code)!, national, trends[i] ?? []),
    ),
  };
}

/** Every area of a level inside a parent, from one query for the scores and one for the trends. */
async function compareChildren(
  deps: AppDeps,
  principal: Principal,
  query: SeriesQuery & { level: Level; parent?: string },
) {
  const db = deps.warehouse.db;
  const { level } = query;
  const parent = await resolveParent(deps, principal, query.parent);
  const count = await countAreasIn(db, { level, parent });
  if (count > MAX_COMPARE_CHILDREN) {
    throw badRequest(
      `Invalid query parameter "level": ${count} areas of level ${level} lie inside ` +
        `${parent ?? 'the country'}; compare at most ${MAX_COMPARE_CHILDREN} at once`,
      [{ location: 'query', field: 'level', message: `more than ${MAX_COMPARE_CHILDREN} areas` }],
    );
  }
  const period = await resolvePeriod(deps, query.period);
  const range = await resolveSeries(deps, { from: query.from, to: query.to ?? period });
  const [comparison, trends] = await Promise.all([
    compareAreasIn(db, { level, parent, period }),
    listAreaTimeseries(db, { level, parent, ...range }),
  ]);
  const { national } = comparison;
  return {
    level,
    parent,
    period,
    ...range,
    national,
    areas: comparison.areas.map((scores) =>
      comparedJson(scores, scores, national, trends.get(scores.code) ?? []),
    ),
  };
}

export function compareRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/compare',
    operationId: 'compareAreas',
    tags: ['scores'],
    summary:
      'Compare 2–6 areas, or every area of a level inside a parent: pillars, DCI, rank within ' +
      'parent, gap to national mean, trend',
    description:
      `Give either \`areas\` (${MIN_COMPARE}–${MAX_COMPARE} codes) or \`level\` with an optional ` +
      `\`parent\` — e.g. \`level=regency&parent=15\`, all kabupaten/kota of Jambi — which compares ` +
      `every area of that level inside the parent, in code order, when there are at most ` +
      `${MAX_COMPARE_CHILDREN} (else 400).`,
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: {
      query: z
        .object({
          areas: areasParam.optional(),
          level: levelParam.optional().openapi({
            description: `Instead of areas: compare every area of this level inside parent (at most ${MAX_COMPARE_CHILDREN})`,
            examples: ['regency'],
          }),
          parent: parentParam.openapi({
            description: 'With level: the area whose areas to compare; omitted means the country',
            examples: ['15'],
          }),
          period: optionalPeriod,
          from: periodParam
            .optional()
            .openapi({ description: 'Trend start (default: 11 months before to)' }),
          to: periodParam.optional().openapi({ description: 'Trend end (default: the period)' }),
        })
        .superRefine(checkCompareMode, ONCE_PARAMS_VALID)
        .superRefine(checkLevelBelowParent, ONCE_PARAMS_VALID)
        .superRefine(checkPeriodRange, ONCE_PARAMS_VALID),
    },
    responses: {
      200: {
        description: 'Comparison',
        content: { 'application/json': { schema: comparisonSchema } },
      },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const { principal } = c.var;
    const comparison =
      query.areas !== undefined
        ? await compareListed(deps, principal, { ...query, areas: query.areas })
        : // The refinement guarantees a level when no areas are listed.
          await compareChildren(deps, principal, { ...query, level: query.level! });
    return c.json(comparison, 200);
  });
}
