// GET /health: whether the API can take and keep reports now — 503 with the reasons when it
// cannot — plus DuckDB and Redis versions, the loader, failed jobs and data freshness.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { lastLoadedAt } from '@pantau/warehouse';
import type { AppDeps } from '../deps';
import { validationHook } from '../errors';

const componentSchema = z.object({
  ok: z.boolean(),
  version: z.string().nullable(),
  error: z.string().optional(),
});

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'failing']).openapi({
      description:
        'ok; degraded: works, with warnings (Redis without persistence, say); failing: see problems (503)',
    }),
    problems: z.array(z.string()).openapi({ description: 'Why the API is failing (503)' }),
    warnings: z.array(z.string()).openapi({ description: 'What weakens its guarantees' }),
    duckdb: componentSchema,
    redis: componentSchema,
    loader: z.object({ running: z.boolean().nullable() }).openapi({
      description: 'Whether the loader (the single DuckDB writer) runs; null where none is wired',
    }),
    failed_jobs: z
      .object({ load: z.number().int().nullable(), validate: z.number().int().nullable() })
      .openapi({
        description:
          'Failed jobs kept for a retry; failed load jobs hold reports answered 202 and not stored',
      }),
    versions: z.object({ node: z.string(), api: z.string() }),
    freshness: z.object({
      last_loaded_at: z.string().nullable(),
      seconds_since_last_load: z.number().nullable(),
    }),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['system'],
  summary: 'Whether the API can take and keep reports; versions, failed jobs, last load',
  responses: {
    200: {
      description: 'Healthy (status ok, or degraded with warnings)',
      content: { 'application/json': { schema: healthSchema } },
    },
    503: {
      description:
        'Failing: Redis unreachable, loader stopped, failed load jobs, or DuckDB cannot write',
      content: { 'application/json': { schema: healthSchema } },
    },
  },
});

const API_VERSION = '0.1.0';

async function check(probe: () => Promise<string | null>) {
  try {
    return { ok: true, version: await probe() };
  } catch (error) {
    return { ok: false, version: null, error: (error as Error).message };
  }
}

export function healthRoutes(deps: AppDeps) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const [duckdb, redis, loadedAt, failedLoad, failedValidate] = await Promise.all([
      check(async () => {
        const row = await deps.warehouse.db
          .selectNoFrom((eb) => eb.fn<string>('version', []).as('version'))
          .executeTakeFirst();
        return row?.version ?? null;
      }),
      check(async () => {
        // The producers' connection: it fails at once while Redis is down, never hangs.
        const info = await deps.queues.info('server');
        return /redis_version:(\S+)/.exec(info)?.[1] ?? null;
      }),
      lastLoadedAt(deps.warehouse.db).catch(() => null),
      deps.queues.load.getFailedCount().catch(() => null),
      deps.queues.validate.getFailedCount().catch(() => null),
    ]);
    const writeError = deps.warehouse.lastWriteError;
    const running = deps.loader ? deps.loader.worker.isRunning() : null;
    const problems = [
      ...(redis.ok ? [] : [`Redis is unreachable: ${redis.error ?? 'no answer'}`]),
      ...(duckdb.ok ? [] : [`DuckDB cannot be read: ${duckdb.error ?? 'no answer'}`]),
      ...(writeError ? [`DuckDB could not write: ${writeError.message}`] : []),
      ...(running === false ? ['the loader is stopped: nothing queued is being stored'] : []),
      ...(failedLoad
        ? [
            `${failedLoad} failed load jobs hold reports that are not stored: retry them (npm run ingest -- failed --retry)`,
          ]
        : []),
    ];
    const warnings = [
      ...deps.redisWarnings,
      ...(failedValidate
        ? [`${failedValidate} validate jobs failed (see GET /pipeline/failed)`]
        : []),
    ];
    const now = deps.clock();
    const status = problems.length > 0 ? 'failing' : warnings.length > 0 ? 'degraded' : 'ok';
    return c.json(
      {
        status,
        problems,
        warnings,
        duckdb,
        redis,
        loader: { running },
        failed_jobs: { load: failedLoad, validate: failedValidate },
        versions: { node: process.version, api: API_VERSION },
        freshness: {
          last_loaded_at: loadedAt?.toISOString() ?? null,
          seconds_since_last_load: loadedAt ? (now.getTime() - loadedAt.getTime()) / 1000 : null,
        },
      },
      problems.length > 0 ? 503 : 200,
    );
  });
}
