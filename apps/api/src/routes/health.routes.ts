// GET /health: the state of DuckDB and Redis, versions, and data freshness.
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
    status: z.enum(['ok', 'degraded']),
    duckdb: componentSchema,
    redis: componentSchema,
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
  tags: ['system'],
  summary: 'Status of DuckDB and Redis, versions, and the time of the last load',
  responses: {
    200: { description: 'Health', content: { 'application/json': { schema: healthSchema } } },
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
    const [duckdb, redis, loadedAt] = await Promise.all([
      check(async () => {
        const row = await deps.warehouse.db
          .selectNoFrom((eb) => eb.fn<string>('version', []).as('version'))
          .executeTakeFirst();
        return row?.version ?? null;
      }),
      check(async () => {
        const info = await deps.redis.info('server');
        return /redis_version:(\S+)/.exec(info)?.[1] ?? null;
      }),
      lastLoadedAt(deps.warehouse.db).catch(() => null),
    ]);
    const now = deps.clock();
    return c.json(
      {
        status: duckdb.ok && redis.ok ? ('ok' as const) : ('degraded' as const),
        duckdb,
        redis,
        versions: { node: process.version, api: API_VERSION },
        freshness: {
          last_loaded_at: loadedAt?.toISOString() ?? null,
          seconds_since_last_load: loadedAt ? (now.getTime() - loadedAt.getTime()) / 1000 : null,
        },
      },
      200,
    );
  });
}
