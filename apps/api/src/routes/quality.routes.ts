// /quality: data quality flags inside an area, flag counts per area, follow-up of a flag, and
// per-indicator completeness (DESIGN.md "Data quality flags").
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { INDICATORS, LEVELS, QUALITY_METHODS, QUALITY_STATUSES } from '@pantau/domain';
import {
  getIndicatorCompleteness,
  listIndicatorCompleteness,
  listQualityFlags,
  summarizeQuality,
  type QualityFlag,
} from '@pantau/warehouse';
import { QUALITY_ROLES } from '../auth/principal';
import { requireRead, requireRole } from '../auth/require-role';
import { visibleQualityFlag } from '../auth/visibility';
import type { AppDeps } from '../deps';
import { errorSchema, unauthorizedResponse, validationHook } from '../errors';
import { followUpFlag } from '../quality/follow-up-flag';
import { resolveParent, resolvePeriod } from '../read/read-scope';
import { areaCode, limitParam, optionalPeriod, scopeQuery } from '../schemas/query-params';
import { readErrors } from './read-errors';

const FLAGS_DEFAULT_LIMIT = 100;
const FLAGS_MAX_LIMIT = 1_000;
const AREAS_DEFAULT_LIMIT = 1_000;
const AREAS_MAX_LIMIT = 10_000;
/** As long as a report's notes. */
const COMMENT_MAX = 2_000;

const INDICATOR_CODES = INDICATORS.map((i) => i.code) as [string, ...string[]];

const ratio = z.number().nullable().openapi({ description: '0–1; null without reports' });

export const qualityFlagSchema = z
  .object({
    id: z.number().int(),
    village_code: z.string(),
    village_name: z.string(),
    period: z.string(),
    indicator: z.string(),
    method: z.enum(QUALITY_METHODS).openapi({
      description:
        "history: against the village's last 12 periods; peer: against the other villages of its kecamatan; stuck: the same value six months running",
    }),
    value: z.number(),
    baseline: z
      .number()
      .openapi({ description: 'The median compared with, or the repeated value' }),
    score: z.number().openapi({ description: 'Modified z-score (6 for stuck)' }),
    status: z.enum(QUALITY_STATUSES),
    comment: z.string().nullable().openapi({ description: 'null for anonymous readers' }),
    updated_by: z.string().nullable().openapi({ description: 'null for anonymous readers' }),
    updated_at: z.string().nullable(),
  })
  .openapi('QualityFlag');

const flagsQuerySchema = z.object({
  parent: areaCode.optional().openapi({
    description: 'Any area code: flags of every village inside it; omitted: the whole country',
    examples: ['15.02'],
  }),
  period: optionalPeriod,
  indicator: z.enum(INDICATOR_CODES).optional(),
  method: z.enum(QUALITY_METHODS).optional(),
  status: z.enum(QUALITY_STATUSES).optional(),
  limit: limitParam(FLAGS_DEFAULT_LIMIT, FLAGS_MAX_LIMIT),
  offset: z.coerce.number().int().min(0).default(0),
});

const flagsSchema = z
  .object({
    period: z.string(),
    parent: z.string().nullable(),
    total: z.number().int().openapi({ description: 'Flags matching, before limit and offset' }),
    rows: z.array(qualityFlagSchema),
  })
  .openapi('QualityFlags');

const areaQuerySchema = scopeQuery({ limit: limitParam(AREAS_DEFAULT_LIMIT, AREAS_MAX_LIMIT) });

const summarySchema = z
  .object({
    period: z.string(),
    level: z.enum(LEVELS),
    parent: z.string().nullable(),
    rows: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          reports: z.number().int(),
          flagged_reports: z.number().int().openapi({ description: 'Reports with a flag' }),
          flags: z.object(
            Object.fromEntries(QUALITY_METHODS.map((m) => [m, z.number().int()])) as Record<
              (typeof QUALITY_METHODS)[number],
              z.ZodNumber
            >,
          ),
          flag_rate: ratio.openapi({ description: 'flagged_reports / reports' }),
        })
        .openapi('AreaQuality'),
    ),
  })
  .openapi('QualitySummary');

const indicatorCompletenessSchema = z
  .object({
    indicator: z.string(),
    filled: z.number().int().openapi({ description: 'Reports that filled the indicator' }),
    share: ratio.openapi({ description: 'filled / reports' }),
  })
  .openapi('IndicatorCompleteness');

const indicatorsSchema = z
  .object({
    period: z.string(),
    level: z.enum(LEVELS),
    parent: z.string().nullable(),
    reports: z.number().int().openapi({ description: 'Reports inside the parent' }),
    indicators: z.array(indicatorCompletenessSchema).openapi({ description: 'Over the parent' }),
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        reports: z.number().int(),
        indicators: z.array(indicatorCompletenessSchema),
      }),
    ),
  })
  .openapi('QualityIndicators');

const followUpSchema = z
  .object({
    status: z.enum(QUALITY_STATUSES),
    comment: z.string().max(COMMENT_MAX).nullable().optional(),
  })
  .openapi('QualityFollowUp');

const json = { 'application/json': { schema: errorSchema } };

function flagJson(flag: QualityFlag) {
  return { ...flag, updated_at: flag.updated_at?.toISOString() ?? null };
}

export function qualityRoutes(deps: AppDeps) {
  const flags = createRoute({
    method: 'get',
    operationId: 'listQualityFlags',
    path: '/quality/flags',
    tags: ['quality'],
    summary: 'Data quality flags of the villages inside an area for a month, strongest first',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: { query: flagsQuerySchema },
    responses: {
      200: { description: 'Flags', content: { 'application/json': { schema: flagsSchema } } },
      ...readErrors,
    },
  });
  const summary = createRoute({
    method: 'get',
    operationId: 'getQualitySummary',
    path: '/quality/summary',
    tags: ['quality'],
    summary: 'Per area of a level: reports, flagged reports, flags by method and the flag rate',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: { query: areaQuerySchema },
    responses: {
      200: {
        description: 'Flag counts per area',
        content: { 'application/json': { schema: summarySchema } },
      },
      ...readErrors,
    },
  });
  const indicators = createRoute({
    method: 'get',
    operationId: 'getIndicatorCompleteness',
    path: '/quality/indicators',
    tags: ['quality'],
    summary: 'Per indicator, the share of reports that filled it (over the parent and per area)',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: { query: areaQuerySchema },
    responses: {
      200: {
        description: 'Indicator completeness',
        content: { 'application/json': { schema: indicatorsSchema } },
      },
      ...readErrors,
    },
  });
  const followUp = createRoute({
    method: 'patch',
    operationId: 'updateQualityFlag',
    path: '/quality/flags/{id}',
    tags: ['quality'],
    summary: 'Follow a flag up (an analyst, or a lead inside its scope); recorded in the audit',
    middleware: [requireRole(deps, QUALITY_ROLES)] as const,
    security: [{ bearer: [] }],
    request: {
      params: z.object({ id: z.coerce.number().int().min(1) }),
      body: { required: true, content: { 'application/json': { schema: followUpSchema } } },
    },
    responses: {
      200: {
        description: 'The flag with its follow-up',
        content: { 'application/json': { schema: qualityFlagSchema } },
      },
      400: { description: 'A parameter or body field is invalid', content: json },
      401: unauthorizedResponse,
      403: { description: 'Not an analyst, or a lead outside its scope', content: json },
      404: { description: 'No flag has that id', content: json },
    },
  });

  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(flags, async (c) => {
      const query = c.req.valid('query');
      const parent = await resolveParent(deps, c.var.principal, query.parent);
      const period = await resolvePeriod(deps, query.period);
      const page = await listQualityFlags(deps.warehouse.db, { ...query, parent, period });
      const rows = page.rows.map((flag) => visibleQualityFlag(c.var.principal, flagJson(flag)));
      return c.json({ period, parent, total: page.total, rows }, 200);
    })
    .openapi(summary, async (c) => {
      const query = c.req.valid('query');
      const parent = await resolveParent(deps, c.var.principal, query.parent);
      const period = await resolvePeriod(deps, query.period);
      const rows = await summarizeQuality(deps.warehouse.db, { ...query, parent, period });
      return c.json({ period, level: query.level, parent, rows }, 200);
    })
    .openapi(indicators, async (c) => {
      const query = c.req.valid('query');
      const parent = await resolveParent(deps, c.var.principal, query.parent);
      const period = await resolvePeriod(deps, query.period);
      const [overall, rows] = await Promise.all([
        getIndicatorCompleteness(deps.warehouse.db, { parent, period }),
        listIndicatorCompleteness(deps.warehouse.db, { ...query, parent, period }),
      ]);
      return c.json({ period, level: query.level, parent, ...overall, rows }, 200);
    })
    .openapi(followUp, async (c) => {
      const { id } = c.req.valid('param');
      const flag = await followUpFlag(deps, c.var.principal, id, c.req.valid('json'));
      return c.json(flagJson(flag), 200);
    });
}
