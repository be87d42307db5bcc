// Imports: POST a CSV, NDJSON or XLSX file (streamed, optionally a dry run), follow it to its summary.
// The import's life is pipelines/ingest's (import-lifecycle.ts): this module validates, calls
// it, and answers.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ImportFormatError,
  ImportTooLarge,
  QueueUnavailable,
  SpoolFull,
  startImport,
  type ImportFormat,
  type ImportServices,
} from '@pantau/ingest';
import { getImport, listImportErrors, listImports, type ImportSummary } from '@pantau/warehouse';
import { PIPELINE_ROLES } from '../auth/principal';
import { requireRole, type AuthVariables } from '../auth/require-role';
import type { AppDeps } from '../deps';
import {
  ApiError,
  errorSchema,
  notFound,
  queueUnavailable,
  unauthorizedResponse,
  validationHook,
} from '../errors';
import {
  importDetailSchema,
  importDialectSchema,
  importFormatSchema,
  importSummarySchema,
} from '../schemas/ingest.schemas';

const MAX_IMPORTS_LISTED = 100;
const MAX_ERRORS_PAGE = 1_000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CONTENT_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  [XLSX_TYPE]: 'xlsx',
};

/** For a body sent as application/octet-stream (or untyped): the file name's extension says. */
const EXTENSIONS: Record<string, ImportFormat> = {
  csv: 'csv',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xlsx: 'xlsx',
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const fileBody = z.string().openapi({ format: 'binary' });

const postRoute = createRoute({
  method: 'post',
  path: '/imports',
  operationId: 'createImport',
  tags: ['ingest'],
  summary: 'Import a CSV, NDJSON or XLSX file of reports (engineer, admin)',
  description:
    'The body is streamed straight into the pipeline (up to IMPORT_MAX_BYTES). Follow GET /imports/{import_id} ' +
    'for the DHIS2-style summary. A CSV whose header is separated by `;` is read as Excel set ' +
    'to Indonesian saves it (`;` between cells, decimal comma); the summary says which dialect ' +
    'was read. An XLSX workbook is read from its first sheet: the header row as in the CSV, ' +
    'numbers, booleans or text cells, dates as date cells or ISO text; an error line is the ' +
    "sheet's row number. A ZIP body is read as XLSX whatever its content type; with " +
    'application/octet-stream the filename extension (.csv, .ndjson, .jsonl, .xlsx) says. ' +
    'With dry_run=true nothing is written: the file is validated and ' +
    'checked against the stored reports, and the summary says what an import would do.',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      filename: z.string().max(255).optional().openapi({ description: 'Shown in the import list' }),
      dry_run: z
        .enum(['true', 'false'])
        .default('false')
        .openapi({ description: 'Validate and summarise without writing' }),
    }),
    body: {
      required: true,
      content: {
        'text/csv': { schema: fileBody },
        'application/x-ndjson': { schema: fileBody },
        [XLSX_TYPE]: { schema: fileBody },
        'application/octet-stream': { schema: fileBody },
      },
    },
  },
  responses: {
    202: {
      description: 'Accepted: the rows are on their way',
      content: {
        'application/json': {
          schema: z.object({
            import_id: z.string(),
            format: importFormatSchema,
            dialect: importDialectSchema,
            rows: z.number().int().nullable(),
            status: z.string(),
          }),
        },
      },
    },
    400: errorResponse('The file cannot be read (a CSV header missing required columns, say)'),
    401: unauthorizedResponse,
    403: errorResponse('Only engineers and admins import'),
    413: errorResponse('The file is larger than IMPORT_MAX_BYTES'),
    415: errorResponse('Body is not CSV, NDJSON or XLSX (by content type or file name)'),
    503: errorResponse('The queue (Redis) is unreachable: nothing was accepted, send it again'),
    507: errorResponse('A dry run does not fit the spool (SPOOL_QUOTA_BYTES, or the disk)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/imports',
  operationId: 'listImports',
  tags: ['ingest'],
  summary: 'Recent imports with their summaries',
  security: [{ bearer: [] }],
  request: {
    query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_IMPORTS_LISTED).default(20) }),
  },
  responses: {
    200: {
      description: 'Newest first',
      content: {
        'application/json': { schema: z.object({ imports: z.array(importSummarySchema) }) },
      },
    },
    401: unauthorizedResponse,
    403: errorResponse('Only engineers and admins'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/imports/{import_id}',
  operationId: 'getImport',
  tags: ['ingest'],
  summary:
    'An import: status, rows, imported / updated / ignored / rejected, and its errors by line',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ import_id: z.string().min(1).max(100) }),
    query: z.object({
      errors_offset: z.coerce.number().int().min(0).default(0),
      errors_limit: z.coerce.number().int().min(0).max(MAX_ERRORS_PAGE).default(100),
    }),
  },
  responses: {
    200: {
      description: 'The import',
      content: { 'application/json': { schema: importDetailSchema } },
    },
    401: unauthorizedResponse,
    403: errorResponse('Only engineers and admins'),
    404: errorResponse('No such import'),
  },
});

function summaryJson(summary: ImportSummary) {
  return {
    ...summary,
    created_at: summary.created_at.toISOString(),
    finished_at: summary.finished_at?.toISOString() ?? null,
  };
}

function formatOf(contentType: string | undefined, filename: string | undefined): ImportFormat {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const byName =
    essence === '' || essence === 'application/octet-stream'
      ? EXTENSIONS[filename?.split('.').pop()?.toLowerCase() ?? '']
      : undefined;
  const format = CONTENT_TYPES[essence] ?? byName;
  if (!format) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send the file as text/csv, application/x-ndjson or ${XLSX_TYPE} (got ${essence || 'no content type'})`,
    );
  }
  return format;
}

function bodyOf(request: Request): AsyncIterable<Uint8Array> {
  if (!request.body)
    throw new ApiError(400, 'invalid_request', 'The request has no body: send the file');
  return request.body as unknown as AsyncIterable<Uint8Array>;
}

/** The typed failures of an import as answers in the error shape. */
function importProblem(error: unknown): unknown {
  if (error instanceof ImportFormatError)
    return new ApiError(
      400,
      'unreadable_file',
      `The file cannot be imported: ${error.message}`,
      error.problems.map((message) => ({ field: 'header', message })),
    );
  if (error instanceof ImportTooLarge)
    return new ApiError(413, 'payload_too_large', `The file cannot be imported: ${error.message}`);
  if (error instanceof SpoolFull) return new ApiError(507, 'insufficient_storage', error.message);
  if (error instanceof QueueUnavailable) return queueUnavailable(error.message);
  return error;
}

function declaredBytes(request: Request): number | null {
  const length = Number(request.headers.get('content-length') ?? NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

export function importsRoutes(deps: AppDeps) {
  const services: ImportServices = {
    warehouse: deps.warehouse,
    validateQueue: deps.queues.validate,
    queues: [deps.queues.validate, deps.queues.load],
    villages: deps.villages,
    spoolDir: deps.spoolDir,
    clock: deps.clock,
    logger: deps.logger.child({ module: 'imports' }),
    limits: deps.limits.imports,
  };

  const app = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });
  app.use('/imports', requireRole(deps, PIPELINE_ROLES));
  app.use('/imports/*', requireRole(deps, PIPELINE_ROLES));
  return app
    .openapi(postRoute, async (c) => {
      const { filename, dry_run } = c.req.valid('query');
      const dryRun = dry_run === 'true';
      const format = formatOf(c.req.header('content-type'), filename);
      // A dry run needs no queue; an import does, and is refused at once without one.
      if (!dryRun && !deps.queues.available()) throw queueUnavailable();
      const started = await startImport(services, {
        actor: c.get('principal'),
        filename: filename ?? null,
        format,
        dryRun,
        body: bodyOf(c.req.raw),
        declaredBytes: declaredBytes(c.req.raw),
      }).catch((error: unknown) => {
        throw importProblem(error);
      });
      return c.json(started, 202);
    })
    .openapi(listRoute, async (c) => {
      const { limit } = c.req.valid('query');
      const imports = await listImports(deps.warehouse.db, limit);
      return c.json({ imports: imports.map(summaryJson) }, 200);
    })
    .openapi(getRoute, async (c) => {
      const { import_id } = c.req.valid('param');
      const { errors_offset, errors_limit } = c.req.valid('query');
      const summary = await getImport(deps.warehouse.db, import_id);
      if (!summary) throw notFound(`Import ${import_id}`);
      const { errors, total } = await listImportErrors(deps.warehouse.db, import_id, {
        offset: errors_offset,
        limit: errors_limit,
      });
      return c.json({ ...summaryJson(summary), errors, errors_total: total }, 200);
    });
}
