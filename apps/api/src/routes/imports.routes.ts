// Imports: POST a CSV or NDJSON file (streamed, optionally a dry run), follow it to its summary.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  dryRunImport,
  enqueueImport,
  ImportFormatError,
  openImportRecords,
  type ImportFormat,
} from '@pantau/ingest';
import {
  completeDryRun,
  createImport,
  failImport,
  getImport,
  listImportErrors,
  listImports,
  markImportRead,
  refreshImportProgress,
  type ImportSummary,
} from '@pantau/warehouse';
import { PIPELINE_ROLES } from '../auth/principal';
import { requireRole, type AuthVariables } from '../auth/require-role';
import type { AppDeps } from '../deps';
import { ApiError, errorSchema, notFound, validationHook } from '../errors';
import { importDetailSchema, importSummarySchema } from '../schemas/ingest.schemas';

const MAX_IMPORTS_LISTED = 100;
const MAX_ERRORS_PAGE = 1_000;

const CONTENT_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const fileBody = z.string().openapi({ format: 'binary' });

const postRoute = createRoute({
  method: 'post',
  path: '/imports',
  tags: ['ingest'],
  summary: 'Import a CSV or NDJSON file of reports (engineer, admin)',
  description:
    'The body is streamed straight into the pipeline (any size). Follow GET /imports/{import_id} ' +
    'for the DHIS2-style summary. With dry_run=true nothing is written: the file is validated and ' +
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
      content: { 'text/csv': { schema: fileBody }, 'application/x-ndjson': { schema: fileBody } },
    },
  },
  responses: {
    202: {
      description: 'Accepted: the rows are on their way',
      content: {
        'application/json': {
          schema: z.object({
            import_id: z.string(),
            rows: z.number().int().nullable(),
            status: z.string(),
          }),
        },
      },
    },
    400: errorResponse('The file cannot be read (a CSV header missing required columns, say)'),
    401: errorResponse('No or unknown bearer token'),
    403: errorResponse('Only engineers and admins import'),
    415: errorResponse('Body is neither text/csv nor application/x-ndjson'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/imports',
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
    401: errorResponse('No or unknown bearer token'),
    403: errorResponse('Only engineers and admins'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/imports/{import_id}',
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
    401: errorResponse('No or unknown bearer token'),
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

function newImportId(now: Date): string {
  return `imp-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
}

function formatOf(contentType: string | undefined): ImportFormat {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = CONTENT_TYPES[essence];
  if (!format) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send the file as text/csv or application/x-ndjson (got ${essence || 'no content type'})`,
    );
  }
  return format;
}

function bodyOf(request: Request): AsyncIterable<Uint8Array> {
  if (!request.body)
    throw new ApiError(400, 'invalid_request', 'The request has no body: send the file');
  return request.body as unknown as AsyncIterable<Uint8Array>;
}

function formatProblem(error: ImportFormatError): ApiError {
  return new ApiError(
    400,
    'unreadable_file',
    `The file cannot be imported: ${error.message}`,
    error.problems.map((message) => ({ field: 'header', message })),
  );
}

export function importsRoutes(deps: AppDeps) {
  const log = deps.logger.child({ module: 'imports' });

  /** Dry runs hold the writer; they run after the 202, reading the spooled file. */
  async function runDryRun(importId: string, file: string, format: ImportFormat, receivedAt: Date) {
    try {
      const input = await openImportRecords(format, createReadStream(file));
      const summary = await dryRunImport({
        warehouse: deps.warehouse,
        importId,
        receivedAt,
        input,
        context: deps.villages,
      });
      await deps.warehouse.write(({ db }) => completeDryRun(db, importId, summary, deps.clock()));
      log.info(
        { import_id: importId, rows: summary.rows, rejected: summary.rejected },
        'dry run done',
      );
    } catch (error) {
      log.error({ import_id: importId, err: error }, 'dry run failed');
      await deps.warehouse.write(({ db }) =>
        failImport(db, importId, (error as Error).message, deps.clock()),
      );
    } finally {
      await rm(file, { force: true });
    }
  }

  const app = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });
  app.use('/imports', requireRole(deps, PIPELINE_ROLES));
  app.use('/imports/*', requireRole(deps, PIPELINE_ROLES));
  return app
    .openapi(postRoute, async (c) => {
      const { filename, dry_run } = c.req.valid('query');
      const dryRun = dry_run === 'true';
      const format = formatOf(c.req.header('content-type'));
      const body = bodyOf(c.req.raw);
      const receivedAt = deps.clock();
      const importId = newImportId(receivedAt);
      await deps.warehouse.write(({ db }) =>
        createImport(db, {
          import_id: importId,
          filename: filename ?? null,
          format,
          dry_run: dryRun,
          created_at: receivedAt,
        }),
      );
      const fail = (message: string) =>
        deps.warehouse.write(({ db }) => failImport(db, importId, message, deps.clock()));

      try {
        if (dryRun) {
          const file = join(deps.spoolDir, `${importId}.${format}`);
          await pipeline(Readable.from(body), createWriteStream(file));
          // Read the header now, so an unreadable file is a 400 like a real import's.
          await openImportRecords(format, createReadStream(file)).catch(async (error: unknown) => {
            await rm(file, { force: true });
            throw error;
          });
          void runDryRun(importId, file, format, receivedAt);
          return c.json({ import_id: importId, rows: null, status: 'queued' }, 202);
        }
        const input = await openImportRecords(format, body);
        const rows = await enqueueImport({
          importId,
          receivedAt,
          input,
          validateQueue: deps.queues.validate,
        });
        await deps.warehouse.write(async ({ db }) => {
          await markImportRead(db, importId, rows);
          await refreshImportProgress(db, [importId], deps.clock());
        });
        log.info({ import_id: importId, rows, format }, 'import queued');
        const summary = await getImport(deps.warehouse.db, importId);
        return c.json({ import_id: importId, rows, status: summary?.status ?? 'running' }, 202);
      } catch (error) {
        await fail(
          error instanceof ImportFormatError
            ? error.message
            : `upload failed: ${(error as Error).message}`,
        );
        if (error instanceof ImportFormatError) throw formatProblem(error);
        throw error;
      }
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
