// GET /summary: the headline pipeline numbers of a scope — reports loaded in the last hour, the last load.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { levelOfCode } from '@pantau/domain';
import { getLoadSummary } from '@pantau/warehouse';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { validationHook } from '../errors';
import { resolveParent } from '../read/read-scope';
import { areaCode } from '../schemas/query-params';
import { jsonReadResponses } from './read-errors';

/** "The last hour" of the overview's KPI card. */
export const SUMMARY_WINDOW_MINUTES = 60;
/** The last hour moves on without a load: a summary is reused for at most a second. */
const SUMMARY_FRESH_MS = 1_000;

const count = (description: string) => z.number().int().openapi({ description });

export const summarySchema = z
  .object({
    parent: z.string().nullable().openapi({ description: 'null: the whole country' }),
    since: z.string().openapi({ description: 'Start of the window (exclusive)' }),
    until: z.string().openapi({ description: 'End of the window: the time of the request' }),
    reports_last_hour: count('Reports stored in the window: imported + updated'),
    rejected_last_hour: count('Submissions rejected in the window'),
    last_hour: z
      .object({
        imported: count('New reports'),
        updated: count('Reports that replaced an earlier version'),
        ignored: count('Not newer than the stored report, or a repeat'),
        rejected: count('Invalid submissions'),
      })
      .openapi({ description: 'Submissions loaded in the window, by outcome' }),
    last_loaded_at: z
      .string()
      .nullable()
      .openapi({ description: 'When a report in scope was last stored; null: never' }),
    seconds_since_last_load: z.number().nullable(),
  })
  .openapi('LoadSummary');

const summaryParent = areaCode
  .refine((code) => levelOfCode(code) !== 'village', 'a region, province, kabupaten or kecamatan')
  .optional()
  .openapi({
    description:
      'Count only villages inside this area (not a village); omitted means the whole country. ' +
      'Rejections that name no known village count only nationally.',
    examples: ['15'],
  });

export function summaryRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/summary',
    operationId: 'getLoadSummary',
    tags: ['reporting'],
    summary: 'Reports loaded in the last hour (by outcome) and the time of the last load',
    middleware: jsonRead(deps, { freshForMs: SUMMARY_FRESH_MS }),
    security: [{ bearer: [] }],
    request: { query: z.object({ parent: summaryParent }) },
    responses: {
      200: { description: 'Summary', content: { 'application/json': { schema: summarySchema } } },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const now = deps.clock();
    const summary = await getLoadSummary(deps.warehouse.db, {
      parent,
      now,
      minutes: SUMMARY_WINDOW_MINUTES,
    });
    const last = summary.last_loaded_at;
    return c.json(
      {
        parent,
        since: new Date(now.getTime() - SUMMARY_WINDOW_MINUTES * 60_000).toISOString(),
        until: now.toISOString(),
        reports_last_hour: summary.imported + summary.updated,
        rejected_last_hour: summary.rejected,
        last_hour: {
          imported: summary.imported,
          updated: summary.updated,
          ignored: summary.ignored,
          rejected: summary.rejected,
        },
        last_loaded_at: last?.toISOString() ?? null,
        seconds_since_last_load: last ? (now.getTime() - last.getTime()) / 1000 : null,
      },
      200,
    );
  });
}
