// GET /villages/{code}/reports: a village's reports over time, raw values and scores, with lineage.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { levelOfCode } from '@pantau/domain';
import type { VillageReport } from '@pantau/warehouse';
import {
  visibleCadre,
  visibleReplacedReport,
  visibleReport,
  visibleSubmissions,
} from '../auth/visibility';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { validationHook } from '../errors';
import { requireArea } from '../read/read-scope';
import { villageMemoOf } from '../read/village-memo';
import { submissionJson, submissionSchema } from '../schemas/ingest.schemas';
import { limitParam } from '../schemas/query-params';
import { areaSchema, pillarScoresSchema } from '../schemas/scores.schemas';
import { jsonReadResponses } from './read-errors';

/** Five years of months. */
const REPORTS_DEFAULT_LIMIT = 60;
const REPORTS_MAX_LIMIT = 500;

const villageCode = z
  .string()
  .max(13)
  .refine((code) => levelOfCode(code) === 'village', 'a village code like 15.02.02.2004')
  .openapi({ examples: ['15.02.02.2004'] });

const HIDDEN = 'null for anonymous readers';

const reportFields = {
  period: z.string(),
  report_id: z.string(),
  cadre_id: z
    .string()
    .nullable()
    .openapi({ description: `The cadre who filed it; ${HIDDEN}` }),
  submission_id: z
    .string()
    .nullable()
    .openapi({ description: `The submission that produced this version; ${HIDDEN}` }),
  outcome: z.enum(['imported', 'updated']),
  submitted_at: z.string(),
  first_submitted_at: z.string(),
  on_time: z.boolean(),
  received_at: z.string(),
  loaded_at: z.string(),
  notes: z
    .string()
    .nullable()
    .openapi({ description: `The cadre's notes; ${HIDDEN}` }),
  dci: z.number(),
  stage: z.number().int(),
  pillars: pillarScoresSchema,
  indicators: z
    .record(z.string(), z.union([z.number(), z.boolean()]))
    .openapi({ description: 'Raw values by indicator code, as reported' }),
};

export const villageCadreSchema = z
  .object({
    cadre_id: z.string().openapi({ examples: ['KD-15.02.02.2004'] }),
    name: z.string(),
    active: z.boolean().openapi({ description: 'An active cadre makes the village expected' }),
    region: z
      .string()
      .nullable()
      .openapi({ description: 'Programme region (cohort) code, e.g. JKT', examples: ['JKT'] }),
    updated_at: z.string().openapi({ description: 'When the roster last changed this cadre' }),
  })
  .openapi('VillageCadre');

export const villageReportsSchema = z
  .object({
    village: areaSchema,
    cadre: villageCadreSchema.nullable().openapi({
      description:
        "The village's cadre from the roster: the active one, else the latest updated; null " +
        `when the roster names none, and ${HIDDEN}`,
    }),
    reports: z.array(z.object(reportFields).openapi('VillageReport')).openapi({
      description: 'The current report of each period, latest period first',
    }),
    replaced: z
      .array(
        z
          .object({
            ...reportFields,
            replaced_at: z.string(),
            replaced_by: z
              .string()
              .nullable()
              .openapi({ description: `The submission that replaced it; ${HIDDEN}` }),
          })
          .openapi('ReplacedReport'),
      )
      .openapi({ description: 'Earlier versions that a later submission replaced' }),
    submissions: z
      .array(submissionSchema)
      .nullable()
      .openapi({
        description: `Every submission for the village and what became of it; ${HIDDEN}`,
      }),
  })
  .openapi('VillageReports');

function reportJson(report: VillageReport) {
  return {
    ...report,
    submitted_at: report.submitted_at.toISOString(),
    first_submitted_at: report.first_submitted_at.toISOString(),
    received_at: report.received_at.toISOString(),
    loaded_at: report.loaded_at.toISOString(),
  };
}

export function villagesRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/villages/{code}/reports',
    operationId: 'getVillageReports',
    tags: ['reporting'],
    summary: "A village's reports with raw values and scores, and each submission's outcome",
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: {
      params: z.object({ code: villageCode }),
      query: z.object({ limit: limitParam(REPORTS_DEFAULT_LIMIT, REPORTS_MAX_LIMIT) }),
    },
    responses: {
      200: {
        description: 'Reports and lineage',
        content: { 'application/json': { schema: villageReportsSchema } },
      },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { code } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    const principal = c.var.principal;
    const village = await requireArea(deps, principal, code, 'code');
    const { cadre, ...history } = await villageMemoOf(deps.warehouse).page(code, limit);
    return c.json(
      {
        village,
        cadre: visibleCadre(
          principal,
          cadre && { ...cadre, updated_at: cadre.updated_at.toISOString() },
        ),
        reports: history.reports.map((r) => visibleReport(principal, reportJson(r))),
        replaced: history.replaced.map((r) =>
          visibleReplacedReport(principal, {
            ...reportJson(r),
            replaced_at: r.replaced_at.toISOString(),
            replaced_by: r.replaced_by,
          }),
        ),
        submissions: visibleSubmissions(principal, history.submissions.map(submissionJson)),
      },
      200,
    );
  });
}
