// POST /cadres: upserts the cadre roster (CSV or a JSON array), which defines expected villages.
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { CADRE_COLUMNS, csvCadreRow, validateCadre } from '@pantau/domain';
import { readCsvRecords } from '@pantau/ingest';
import { recordAudit, upsertCadres, type CadreRecord } from '@pantau/warehouse';
import { PIPELINE_ROLES } from '../auth/principal';
import { requireRole, type AuthVariables } from '../auth/require-role';
import { limitBody } from '../body-limit';
import type { AppDeps } from '../deps';
import {
  ApiError,
  errorSchema,
  payloadTooLargeResponse,
  unauthorizedResponse,
  validationHook,
} from '../errors';
import { cadreResultSchema } from '../schemas/ingest.schemas';

const REQUIRED_COLUMNS = CADRE_COLUMNS.filter((c) => c !== 'region');
/** A 422 lists the reasons of this many rows at most (a roster may hold a hundred thousand). */
const REJECTIONS_LISTED = 1_000;

interface RejectedRow {
  line: number;
  errors: { field: string; value: unknown; message: string }[];
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const route = createRoute({
  method: 'post',
  path: '/cadres',
  operationId: 'upsertCadres',
  tags: ['ingest'],
  summary: 'Upsert the cadre roster by cadre_id (engineer, admin)',
  description:
    'CSV with header cadre_id,name,village_code,region,active (active: true/false/1/0/ya/tidak) or ' +
    'a JSON array of the same fields. Villages with an active cadre are expected to report. Valid ' +
    'rows are applied; each invalid one is listed with its reasons. region is JKT, SBY or MKS, or ' +
    'the name people write for it (Jakarta, region jakarta, Makassar, Makasar, any case). When ' +
    'every row is refused nothing is applied and the answer is 422 with the reasons. The upload ' +
    'is recorded in the audit trail.',
  security: [{ bearer: [] }],
  request: {
    body: {
      // Not `required`: that would make the JSON validator refuse a text/csv body.
      required: false,
      content: {
        'application/json': { schema: z.array(z.looseObject({})).min(1) },
        'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: { description: 'Applied', content: { 'application/json': { schema: cadreResultSchema } } },
    400: errorResponse('Unreadable body or CSV header'),
    401: unauthorizedResponse,
    403: errorResponse('Only engineers and admins'),
    413: payloadTooLargeResponse('CADRES_MAX_BYTES, default 16 MiB'),
    422: errorResponse(
      'Every row was refused: details lists {line, field, value, message} of each reason',
    ),
  },
});

/** Roster rows in JSON form, each with the line (CSV) or position (JSON, from 1) it came from. */
async function rosterRows(
  request: Request,
  json: unknown[] | null,
): Promise<{ line: number; row: unknown }[]> {
  if (json) return json.map((row, i) => ({ line: i + 1, row }));
  if (!request.body) throw new ApiError(400, 'invalid_request', 'The request has no body');
  const records = readCsvRecords(Readable.fromWeb(request.body as never));
  const first = await records.next();
  const header = first.done ? [] : first.value.cells.map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ApiError(
      400,
      'unreadable_file',
      `The roster CSV needs the columns ${CADRE_COLUMNS.join(',')}; missing: ${missing.join(', ')}`,
    );
  }
  const rows: { line: number; row: unknown }[] = [];
  for await (const record of records)
    rows.push({ line: record.line, row: csvCadreRow(header, record.cells) });
  return rows;
}

/** 422: not one row could be applied; the reasons, row by row, are the details. */
function everyRowRefused(rejected: readonly RejectedRow[]): ApiError {
  const listed = rejected.slice(0, REJECTIONS_LISTED);
  const more =
    rejected.length > listed.length
      ? ` (the reasons of the first ${listed.length} are listed)`
      : '';
  return new ApiError(
    422,
    'roster_rejected',
    `Every row of the roster (${rejected.length.toLocaleString('en-US')}) was refused, so nothing was applied${more}`,
    listed.flatMap(({ line, errors }) => errors.map((error) => ({ line, ...error }))),
  );
}

export function cadresRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });
  app.use('/cadres', requireRole(deps, PIPELINE_ROLES));
  app.use('/cadres', limitBody(deps.limits.cadresMaxBytes, 'POST /cadres'));
  return app.openapi(route, async (c) => {
    const isJson = (c.req.header('content-type') ?? '').includes('json');
    const rows = await rosterRows(c.req.raw, isJson ? (c.req.valid('json') as unknown[]) : null);
    const cadres: CadreRecord[] = [];
    const rejected: RejectedRow[] = [];
    for (const { line, row } of rows) {
      const result = validateCadre(row, deps.villages);
      if (result.ok) cadres.push({ ...result.cadre, region: result.cadre.region ?? null });
      else rejected.push({ line, errors: result.errors });
    }
    if (cadres.length === 0 && rejected.length > 0) throw everyRowRefused(rejected);
    const now = deps.clock();
    const applied = await deps.warehouse.write(async ({ db, connection }) => {
      const counts = await upsertCadres(connection, cadres, now);
      await recordAudit(db, {
        actor: c.get('principal'),
        action: 'roster.uploaded',
        details: { format: isJson ? 'json' : 'csv', ...counts, rejected: rejected.length },
        at: now,
      });
      return counts;
    });
    return c.json({ ...applied, rejected }, 200);
  });
}
