// GET /export: the /scores rows, or the raw reports, of one or several periods as a CSV, Parquet
// or XLSX file with no row cap.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS, type ExportFormat, type PeriodSpan } from '@pantau/warehouse';
import { requireRead } from '../auth/require-role';
import { assertMayExportRaw } from '../auth/visibility';
import type { AppDeps } from '../deps';
import { validationHook } from '../errors';
import { EXPORT_LANGS } from '../export/export-columns';
import { writeExport } from '../export/write-export';
import { resolveParent, resolvePeriod, resolveSeries } from '../read/read-scope';
import { createTempFile } from '../read/temp-file-stream';
import {
  checkLevelBelowParent,
  checkPeriodRange,
  levelParam,
  optionalPeriod,
  parentParam,
  ONCE_PARAMS_VALID,
  periodParam,
} from '../schemas/query-params';
import { readErrors } from './read-errors';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  xlsx: XLSX_TYPE,
};

export const exportQuerySchema = z
  .object({
    level: levelParam
      .optional()
      .openapi({ description: 'Level of the rows; needed unless raw=true' }),
    parent: parentParam,
    period: optionalPeriod,
    from: periodParam.optional().openapi({
      description:
        'First month of several in one file (instead of period); omitted with `to` given: a year before `to`',
    }),
    to: periodParam.optional().openapi({
      description:
        'Last month of several in one file (instead of period); omitted with `from` given: the latest month with data',
    }),
    format: z
      .enum(EXPORT_FORMATS)
      .default('csv')
      .openapi({ description: 'csv, parquet or xlsx (an Excel workbook)' }),
    lang: z.enum(EXPORT_LANGS).default('id').openapi({
      description:
        "xlsx only: the header row's language (id or en); csv and parquet keep the column names",
    }),
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
    checkPeriodRange(query, ctx);
    if (query.period !== undefined && (query.from !== undefined || query.to !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: 'give either period or from/to, not both',
      });
    }
  }, ONCE_PARAMS_VALID);

function fileName(parts: (string | null | undefined)[], format: ExportFormat): string {
  return `${['pantau', ...parts.filter(Boolean)].join('-')}.${format}`;
}

/** One period, or several with from/to (a series' defaults when one of them is left out). */
async function resolveSpan(
  deps: AppDeps,
  query: { period?: string; from?: string; to?: string },
): Promise<PeriodSpan> {
  if (query.from === undefined && query.to === undefined) {
    const period = await resolvePeriod(deps, query.period);
    return { from: period, to: period };
  }
  return resolveSeries(deps, query);
}

export function exportRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/export',
    operationId: 'exportData',
    tags: ['export'],
    summary: 'Download the /scores rows (or raw reports with raw=true) as CSV, Parquet or XLSX',
    description:
      'DuckDB writes the whole result (no row cap) to a private temp file, which is then ' +
      'streamed and deleted; for xlsx the rows stream from DuckDB into a streaming workbook ' +
      'writer instead: one sheet, a frozen bold header row in the `lang` language, sized ' +
      'columns, numeric cells typed (scores shown with one decimal, stored in full precision). ' +
      'from/to put several months in one file, by period then code. The x-row-count header ' +
      'gives the number of rows. In CSV and XLSX, a text cell starting with =, +, -, @, tab or ' +
      'carriage return gets a leading apostrophe, so that a spreadsheet shows it rather than ' +
      'runs it as a formula.',
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
          [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...readErrors,
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const query = c.req.valid('query');
    if (query.raw) assertMayExportRaw(c.var.principal);
    const parent = await resolveParent(deps, c.var.principal, query.parent);
    const periods = await resolveSpan(deps, query);
    // The schema asks for a level unless raw=true: no level, the raw reports.
    const level = query.raw ? null : (query.level ?? null);
    const kind = level === null ? 'reports' : 'scores';
    const span = periods.from === periods.to ? periods.from : `${periods.from}_${periods.to}`;
    const name = fileName([kind, level, parent?.replaceAll('.', '_'), span], query.format);
    const file = await createTempFile('pantau-export-', name);
    let rows: number;
    try {
      rows = await writeExport(
        deps.warehouse.db,
        { level, parent, periods, format: query.format, lang: query.lang },
        file.path,
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
