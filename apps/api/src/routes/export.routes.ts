// GET /export: the /scores rows, or the raw reports, as a CSV or Parquet file with no row cap.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  EXPORT_FORMATS,
  exportAreaScores,
  exportReports,
  type ExportFormat,
} from '@pantau/warehouse';
import { requireRead } from '../auth/require-role';
import { assertMayExportRaw } from '../auth/visibility';
import type { AppDeps } from '../deps';
import { validationHook } from '../errors';
import { resolveParent, resolvePeriod } from '../read/read-scope';
import { createTempFile } from '../read/temp-file-stream';
import {
  checkLevelBelowParent,
  levelParam,
  optionalPeriod,
  parentParam,
  ONCE_PARAMS_VALID,
} from '../schemas/query-params';
import { readErrors } from './read-errors';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

export const exportQuerySchema = z
  .object({
    level: levelParam
      .optional()
      .openapi({ description: 'Level of the rows; needed unless raw=true' }),
    parent: parentParam,
    period: optionalPeriod,
    format: z.enum(EXPORT_FORMATS).default('csv').openapi({ description: 'csv or parquet' }),
    raw: z
      .enum(['true', 'false'])
      .default('false')
      .transform((raw) => raw === 'true')
      .openapi({
        description:
          'true: the raw reports of the villages in scope, every indicator column, with cadre ' +
          'ids, notes and lineage (analysts and up)',
      }),
  })
  .superRefine((query, ctx) => {
    if (!query.raw && query.level === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: 'level is required unless raw=true',
      });
    }
    checkLevelBelowParent(query, ctx);
  }, ONCE_PARAMS_VALID);

function fileName(parts: (string | null | undefined)[], format: ExportFormat): string {
  return `${['pantau', ...parts.filter(Boolean)].join('-')}.${format}`;
}

export function exportRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/export',
    operationId: 'exportData',
    tags: ['export'],
    summary: 'Download the /scores rows (or raw reports with raw=true) as CSV or Parquet',
    description:
      'DuckDB writes the whole result (no row cap) to a private temp file, which is then ' +
      'streamed and deleted. The x-row-count header gives the number of rows. In CSV, a text ' +
      'cell starting with =, +, -, @, tab or carriage return gets a leading apostrophe, so ' +
      'that a spreadsheet shows it rather than runs it as a formula.',
    middleware: [requireRead(deps)] as const,
    security: [{ bearer: [] }],
    request: { query: exportQuerySchema },
    responses: {
      200: {
        description: 'The file (Content-Disposition: attachment)',
        content: {
          'text/csv': { schema: z.string().openapi({ description: 'CSV with a header row' }) },
          'application/vnd.apache.parquet': {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
      ...readErrors,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    if (query.raw) assertMayExportRaw(c.var.principal);
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const period = await resolvePeriod(deps, query.period);
    const kind = query.raw ? 'reports' : 'scores';
    const name = fileName(
      [kind, query.raw ? null : query.level, parent?.replaceAll('.', '_'), period],
      query.format,
    );
    const file = await createTempFile('pantau-export-', name);
    let rows: number;
    try {
      const target = { path: file.path, format: query.format };
      rows =
        query.raw || query.level === undefined
          ? await exportReports(deps.warehouse.db, { parent, period }, target)
          : await exportAreaScores(
              deps.warehouse.db,
              { level: query.level, parent, period },
              target,
            );
    } catch (error) {
      await file.discard();
      throw error;
    }
    const { body, size } = await file.stream();
    return c.body(body, 200, {
      'content-type': CONTENT_TYPES[query.format],
      'content-disposition': `attachment; filename="${name}"`,
      'content-length': String(size),
      'x-row-count': String(rows),
    });
  });
}
