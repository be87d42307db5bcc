// GET /completeness: per area, villages expected, reported and on time; and the villages missing.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { levelOfCode, LEVELS, type Level } from '@pantau/domain';
import { getCompleteness, listMissingVillages } from '@pantau/warehouse';
import { visibleMissingVillage } from '../auth/visibility';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { validationHook } from '../errors';
import { resolveParent, resolvePeriod } from '../read/read-scope';
import { asOfParam, limitParam, scopeQuery } from '../schemas/query-params';
import { jsonReadResponses } from './read-errors';

const ROWS_DEFAULT_LIMIT = 1_000;
const ROWS_MAX_LIMIT = 10_000;
const MISSING_DEFAULT_LIMIT = 100;
const MISSING_MAX_LIMIT = 5_000;

/** Scopes small enough that listing their missing villages is useful (a kabupaten or less). */
const SMALL_SCOPES: readonly Level[] = ['regency', 'district'];

const ratio = z
  .number()
  .nullable()
  .openapi({ description: '0–1; null when no village is expected' });

export const completenessSchema = z
  .object({
    period: z.string(),
    level: z.enum(LEVELS),
    parent: z.string().nullable(),
    rows: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          expected: z.number().int().openapi({ description: 'Villages with an active cadre' }),
          reported: z.number().int().openapi({ description: 'Of those, villages that reported' }),
          on_time: z.number().int().openapi({ description: 'Of those, by the 10th of next month' }),
          rate: ratio,
          on_time_rate: ratio,
        })
        .openapi('AreaCompleteness'),
    ),
    missing: z
      .object({
        total: z.number().int().openapi({ description: 'All missing villages in the scope' }),
        villages: z.array(
          z
            .object({
              code: z.string(),
              name: z.string(),
              district_code: z.string(),
              district_name: z.string().openapi({ description: 'The kecamatan, by name' }),
              cadre_id: z
                .string()
                .nullable()
                .openapi({ description: 'null for anonymous readers' }),
              cadre_name: z
                .string()
                .nullable()
                .openapi({ description: 'null for anonymous readers' }),
            })
            .openapi('MissingVillage'),
        ),
      })
      .nullable()
      .openapi({
        description:
          'Expected villages without a report (at most missing_limit, with the total); given for ' +
          'level=village or a kabupaten/kecamatan parent, else null',
      }),
  })
  .openapi('Completeness');

export function completenessRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/completeness',
    operationId: 'getCompleteness',
    tags: ['reporting'],
    summary:
      'Reporting completeness per area: expected, reported, on time, rates, missing villages',
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: {
      query: scopeQuery({
        limit: limitParam(ROWS_DEFAULT_LIMIT, ROWS_MAX_LIMIT),
        missing_limit: limitParam(MISSING_DEFAULT_LIMIT, MISSING_MAX_LIMIT),
        as_of: asOfParam.openapi({
          description:
            'ISO 8601 timestamp: the reports as they stood then count as reported (villages ' +
            'expected: those with an active cadre now)',
        }),
      }),
    },
    responses: {
      200: {
        description: 'Completeness',
        content: { 'application/json': { schema: completenessSchema } },
      },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const period = await resolvePeriod(deps, query.period);
    const parentLevel = parent === null ? null : levelOfCode(parent);
    const listMissing =
      query.level === 'village' || (parentLevel !== null && SMALL_SCOPES.includes(parentLevel));
    const [rows, missing] = await Promise.all([
      getCompleteness(deps.warehouse.db, {
        level: query.level,
        parent,
        period,
        limit: query.limit,
        asOf: query.as_of,
      }),
      listMissing
        ? listMissingVillages(deps.warehouse.db, {
            parent,
            period,
            limit: query.missing_limit,
            asOf: query.as_of,
          })
        : null,
    ]);
    const visible = missing && {
      ...missing,
      villages: missing.villages.map((v) => visibleMissingVillage(c.var.principal, v)),
    };
    return c.json({ period, level: query.level, parent, rows, missing: visible }, 200);
  });
}
