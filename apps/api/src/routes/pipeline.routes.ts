// Pipeline console: queue counts, throughput and latency, rejections by reason, failed jobs.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listFailedJobs, retryFailedJobs } from '@pantau/ingest';
import { getThroughput, listRejectionReasons, recordAudit } from '@pantau/warehouse';
import { PIPELINE_ROLES } from '../auth/principal';
import { requireRole, type AuthVariables } from '../auth/require-role';
import type { AppDeps } from '../deps';
import { errorSchema, unauthorizedResponse, validationHook } from '../errors';

const MAX_MINUTES = 24 * 60;
const MAX_LISTED = 500;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const denied = {
  401: unauthorizedResponse,
  403: json(errorSchema, 'Only engineers and admins'),
};

const queueCounts = z.object({
  name: z.string(),
  waiting: z.number().int(),
  active: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  delayed: z.number().int(),
});

const queuesRoute = createRoute({
  method: 'get',
  path: '/pipeline/queues',
  operationId: 'getQueues',
  tags: ['pipeline'],
  summary: 'Job counts of reports.validate and reports.load',
  security: [{ bearer: [] }],
  responses: {
    200: json(z.object({ queues: z.array(queueCounts) }).openapi('QueueCounts'), 'Counts'),
    ...denied,
  },
});

const throughputRoute = createRoute({
  method: 'get',
  path: '/pipeline/throughput',
  operationId: 'getThroughput',
  tags: ['pipeline'],
  summary: 'Submissions loaded per minute, by outcome, with received→loaded latency (p50, p95)',
  security: [{ bearer: [] }],
  request: {
    query: z.object({ minutes: z.coerce.number().int().min(1).max(MAX_MINUTES).default(60) }),
  },
  responses: {
    200: json(
      z
        .object({
          minutes: z.array(
            z.object({
              minute: z.string(),
              imported: z.number().int(),
              updated: z.number().int(),
              ignored: z.number().int(),
              rejected: z.number().int(),
              latency_p50_ms: z.number().nullable(),
              latency_p95_ms: z.number().nullable(),
            }),
          ),
        })
        .openapi('Throughput'),
      'One row per minute with loads',
    ),
    ...denied,
  },
});

const rejectionsRoute = createRoute({
  method: 'get',
  path: '/pipeline/rejections',
  operationId: 'listRejectionReasons',
  tags: ['pipeline'],
  summary: 'Rejection reasons, most frequent first',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_LISTED).default(20),
      since_minutes: z.coerce.number().int().min(1).optional(),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          reasons: z.array(
            z.object({
              field: z.string(),
              message: z.string(),
              count: z.number().int(),
              example_value: z.unknown(),
            }),
          ),
        })
        .openapi('RejectionReasons'),
      'Reasons',
    ),
    ...denied,
  },
});

const failedJob = z.object({
  queue: z.string(),
  job_id: z.string(),
  name: z.string(),
  failed_reason: z.string(),
  attempts_made: z.number().int(),
  timestamp: z.number(),
  source_id: z.string().nullable(),
});

const failedRoute = createRoute({
  method: 'get',
  path: '/pipeline/failed',
  operationId: 'listFailedJobs',
  tags: ['pipeline'],
  summary: 'Failed jobs of both queues, newest first, with their reasons',
  security: [{ bearer: [] }],
  request: {
    query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_LISTED).default(50) }),
  },
  responses: {
    200: json(z.object({ jobs: z.array(failedJob) }).openapi('FailedJobs'), 'Failed jobs'),
    ...denied,
  },
});

const retryRoute = createRoute({
  method: 'post',
  path: '/pipeline/failed/retry',
  operationId: 'retryFailedJobs',
  tags: ['pipeline'],
  summary: 'Retry failed jobs: the given ids, those of one import, or all',
  description: 'Each retry is recorded in the audit trail (who, which jobs, how many).',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({
            job_ids: z.array(z.string()).max(MAX_LISTED).optional(),
            import_id: z.string().optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: json(z.object({ retried: z.number().int() }), 'Moved back to waiting'),
    ...denied,
  },
});

export function pipelineRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });
  app.use('/pipeline/*', requireRole(deps, PIPELINE_ROLES));
  return app
    .openapi(queuesRoute, async (c) => {
      const queues = await Promise.all(
        [deps.queues.validate, deps.queues.load].map(async (queue) => {
          const counts = await queue.getJobCounts(
            'waiting',
            'active',
            'completed',
            'failed',
            'delayed',
          );
          return {
            name: queue.name,
            waiting: counts.waiting ?? 0,
            active: counts.active ?? 0,
            completed: counts.completed ?? 0,
            failed: counts.failed ?? 0,
            delayed: counts.delayed ?? 0,
          };
        }),
      );
      return c.json({ queues }, 200);
    })
    .openapi(throughputRoute, async (c) => {
      const { minutes } = c.req.valid('query');
      const rows = await getThroughput(deps.warehouse.db, { minutes, now: deps.clock() });
      return c.json(
        { minutes: rows.map((row) => ({ ...row, minute: row.minute.toISOString() })) },
        200,
      );
    })
    .openapi(rejectionsRoute, async (c) => {
      const { limit, since_minutes } = c.req.valid('query');
      const since = since_minutes
        ? new Date(deps.clock().getTime() - since_minutes * 60_000)
        : undefined;
      return c.json(
        { reasons: await listRejectionReasons(deps.warehouse.db, { limit, since }) },
        200,
      );
    })
    .openapi(failedRoute, async (c) => {
      const { limit } = c.req.valid('query');
      return c.json({ jobs: await listFailedJobs(deps.queues, limit) }, 200);
    })
    .openapi(retryRoute, async (c) => {
      const body = c.req.valid('json');
      const retried = await retryFailedJobs(deps.queues, {
        job_ids: body.job_ids,
        source_id: body.import_id,
      });
      await deps.warehouse.write(({ db }) =>
        recordAudit(db, {
          actor: c.get('principal'),
          action: 'jobs.retried',
          target: body.import_id ?? null,
          details: { retried, job_ids: body.job_ids ?? null, import_id: body.import_id ?? null },
          at: deps.clock(),
        }),
      );
      return c.json({ retried }, 200);
    });
}
