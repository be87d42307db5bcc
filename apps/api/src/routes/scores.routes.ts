// GET /scores: every area of a level inside a parent with its DCI, stage, pillars and reporting.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LEVELS } from '@pantau/domain';
import { countAreasIn, listAreaScores } from '@pantau/warehouse';
import type { AppDeps } from '../deps';
import { jsonBytes, jsonRead } from '../read/read-response';
import { scoresMemoOf } from '../read/scores-memo';
import { validationHook } from '../errors';
import { resolveParent, resolvePeriod } from '../read/read-scope';
import { asOfParam, limitParam, scopeQuery } from '../schemas/query-params';
import { pillarScoresSchema, stageSchema } from '../schemas/scores.schemas';
import { jsonReadResponses } from './read-errors';

/** Enough for every kecamatan of the country (7,277) in one call. */
const SCORES_DEFAULT_LIMIT = 1_000;
const SCORES_MAX_LIMIT = 10_000;

export const scoreQuerySchema = scopeQuery({
  limit: limitParam(SCORES_DEFAULT_LIMIT, SCORES_MAX_LIMIT),
  as_of: asOfParam,
});

export const areaScoreSchema = z
  .object({
    code: z.string().openapi({ examples: ['15.02'] }),
    name: z.string().openapi({ examples: ['Kabupaten Merangin'] }),
    level: z.enum(LEVELS),
    dci: z.number().nullable().openapi({ description: 'Desa Cerdas Index 0–100; null: no report' }),
    stage: stageSchema,
    pillars: pillarScoresSchema,
    villages_reporting: z.number().int(),
    villages_expected: z.number().int().openapi({ description: 'Villages with an active cadre' }),
  })
  .openapi('AreaScore');

export const scoresSchema = z
  .object({
    period: z.string().openapi({ description: 'The month shown (the latest when not asked)' }),
    level: z.enum(LEVELS),
    parent: z.string().nullable().openapi({ description: 'null: the whole country' }),
    total: z.number().int().openapi({ description: 'Areas of the level inside the parent' }),
    rows: z.array(areaScoreSchema),
  })
  .openapi('Scores');

const utf8 = new TextEncoder();
const COMMA = utf8.encode(',');
const END = utf8.encode(']}');

/** `head` with a last field `rows`, in JSON: the rows are already serialised. */
function jsonWithRows(head: object, rows: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const start = utf8.encode(JSON.stringify({ ...head, rows: [] }).slice(0, -']}'.length));
  let length = start.byteLength + END.byteLength + Math.max(0, rows.length - 1);
  for (const row of rows) length += row.byteLength;
  const body = new Uint8Array(length);
  body.set(start, 0);
  let offset = start.byteLength;
  rows.forEach((row, i) => {
    if (i > 0) body.set(COMMA, offset++);
    body.set(row, offset);
    offset += row.byteLength;
  });
  body.set(END, offset);
  return body;
}

export function scoresRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/scores',
    operationId: 'listAreaScores',
    tags: ['scores'],
    summary: 'Scores of every area of a level inside a parent for a month (no report: nulls)',
    middleware: jsonRead(deps),
    security: [{ bearer: [] }],
    request: { query: scoreQuerySchema },
    responses: {
      200: {
        description: 'Area scores',
        content: { 'application/json': { schema: scoresSchema } },
      },
      ...jsonReadResponses,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const period = await resolvePeriod(deps, query.period);
    const scope = { level: query.level, parent };
    const total = await countAreasIn(deps.warehouse.db, scope);
    const head = { period, level: query.level, parent, total };
    if (query.as_of !== undefined) {
      const rows = await listAreaScores(deps.warehouse.db, {
        ...scope,
        period,
        limit: query.limit,
        asOf: query.as_of,
      });
      return c.json({ ...head, rows }, 200);
    }
    // The scores as they stand: rows kept serialised between loads (scores-memo.ts).
    const rows = await scoresMemoOf(deps.warehouse).rows({ ...scope, period, limit: query.limit });
    return jsonBytes(c, jsonWithRows(head, rows));
  });
}
