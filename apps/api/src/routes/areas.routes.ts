// GET /areas (search and children) and GET /areas/{code} (one area with its breadcrumb and counts).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getArea, listAreas } from '@pantau/warehouse';
import type { AppDeps } from '../deps';
import { jsonRead } from '../read/read-response';
import { validationHook } from '../errors';
import { assertMayRead } from '../auth/scope';
import { areaDirectoryOf } from '../read/area-directory';
import { resolveParent, unknownArea } from '../read/read-scope';
import {
  areaParam,
  checkLevelBelowParent,
  levelParam,
  limitParam,
  parentParam,
  ONCE_PARAMS_VALID,
} from '../schemas/query-params';
import { areaSchema } from '../schemas/scores.schemas';
import { jsonReadResponses } from './read-errors';

const AREAS_DEFAULT_LIMIT = 50;
const AREAS_MAX_LIMIT = 1_000;
const SEARCH_MAX_LENGTH = 100;

export const areaListSchema = z
  .object({
    level: z.string().nullable(),
    parent: z.string().nullable(),
    q: z.string().nullable(),
    rows: z.array(
      areaSchema
        .extend({
          ancestors: z.array(areaSchema).openapi({
            description:
              'From the province down to the parent: tells apart areas of the same name ' +
              '(Mentawak in Merangin, Mentawak in Bangka)',
          }),
        })
        .openapi('AreaListRow'),
    ),
  })
  .openapi('AreaList');

export const areaDetailSchema = areaSchema
  .extend({
    region_code: z.string().nullable(),
    ancestors: z
      .array(areaSchema)
      .openapi({ description: 'From the province down: the breadcrumb' }),
    children: z.number().int().openapi({ description: 'Areas directly below' }),
    villages: z.number().int().openapi({ description: 'Villages inside' }),
  })
  .openapi('AreaDetail');

export function areasRoutes(deps: AppDeps) {
  const list = createRoute({
    method: 'get',
    path: '/areas',
    operationId: 'listAreas',
    tags: ['areas'],
    summary: 'Areas of a level inside a parent, or a name search over every level',
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: {
      query: z
        .object({
          level: levelParam.optional(),
          parent: parentParam,
          q: z
            .string()
            .trim()
            .min(1)
            .max(SEARCH_MAX_LENGTH)
            .optional()
            .openapi({
              description: 'Case-insensitive name search: prefix matches first, then contains',
              examples: ['sungai'],
            }),
          limit: limitParam(AREAS_DEFAULT_LIMIT, AREAS_MAX_LIMIT),
        })
        .superRefine(checkLevelBelowParent, ONCE_PARAMS_VALID),
    },
    responses: {
      200: { description: 'Areas', content: { 'application/json': { schema: areaListSchema } } },
      ...jsonReadResponses,
    },
  });
  const detail = createRoute({
    method: 'get',
    path: '/areas/{code}',
    operationId: 'getArea',
    tags: ['areas'],
    summary: 'One area: its ancestors (breadcrumb) and counts of children and villages',
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: { params: z.object({ code: areaParam }) },
    responses: {
      200: { description: 'Area', content: { 'application/json': { schema: areaDetailSchema } } },
      ...jsonReadResponses,
    },
  });

  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      const parent = await resolveParent(deps, c.var.principal, query.parent);
      const rows = await listAreas(deps.warehouse.db, { ...query, parent });
      const ancestors = await areaDirectoryOf(deps.warehouse).ancestorsOf(rows.map((r) => r.code));
      return c.json(
        {
          level: query.level ?? null,
          parent,
          q: query.q ?? null,
          rows: rows.map((row) => ({ ...row, ancestors: ancestors.get(row.code) ?? [] })),
        },
        200,
      );
    })
    .openapi(detail, async (c) => {
      const { code } = c.req.valid('param');
      assertMayRead(c.var.principal, code, 'code');
      const area = await getArea(deps.warehouse.db, code);
      if (!area) throw unknownArea(code, 'code');
      return c.json(area, 200);
    });
}
