// POST /reports: cadre apps submit one report or up to 1,000; GET /submissions/{id}: the outcome.
// The API validates its own requests and hands them straight to the loader's queue: a live report
// skips the validate queue's round trip (its own job, a worker's take and finish, a second job),
// which cost more than the validation itself. Imports and queue producers still go through it.
import { randomBytes } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createLoadHandOver, validateBatch, type BatchJob } from '@pantau/ingest';
import { getSubmission } from '@pantau/warehouse';
import { SUBMIT_ROLES } from '../auth/principal';
import { requireRole, type AuthVariables } from '../auth/require-role';
import { assertMayReportFor } from '../auth/scope';
import { maySeeSubmission } from '../auth/visibility';
import { limitBody } from '../body-limit';
import type { AppDeps } from '../deps';
import {
  errorSchema,
  notFound,
  payloadTooLargeResponse,
  queueUnavailable,
  unauthorizedResponse,
  validationHook,
} from '../errors';
import { SubmitRateLimiter } from '../limits/submit-rate';
import { utf8Body } from '../limits/utf8-body';
import {
  submissionJson,
  submissionSchema,
  submitReportsBody,
  submittedSchema,
} from '../schemas/ingest.schemas';

const errors = {
  400: {
    description: 'Malformed JSON, or not a report object / array of 1–1,000',
    content: { 'application/json': { schema: errorSchema } },
  },
  401: unauthorizedResponse,
  403: {
    description: 'The role may not submit, or a cadre reports for another village',
    content: { 'application/json': { schema: errorSchema } },
  },
  429: {
    description:
      'The token sent more reports than its per-minute limit allows (SUBMIT_PER_MINUTE, ' +
      'SUBMIT_PER_MINUTE_CADRE for cadres); Retry-After says when to send them again',
    content: { 'application/json': { schema: errorSchema } },
  },
  503: {
    description:
      'The queue (Redis) is unreachable: nothing was accepted; Retry-After says when to try again',
    content: { 'application/json': { schema: errorSchema } },
  },
};

const submitRoute = createRoute({
  method: 'post',
  path: '/reports',
  operationId: 'submitReports',
  tags: ['ingest'],
  summary: 'Submit one report or an array of up to 1,000 (cadre, engineer, admin)',
  description:
    'Accepted reports are validated and queued for loading; each gets a submission id whose ' +
    'outcome GET /submissions/{submission_id} gives once loaded (usually within a second).',
  security: [{ bearer: [] }],
  request: {
    body: { required: true, content: { 'application/json': { schema: submitReportsBody } } },
  },
  responses: {
    202: { description: 'Queued', content: { 'application/json': { schema: submittedSchema } } },
    ...errors,
    413: payloadTooLargeResponse('REPORTS_MAX_BYTES, default 2 MiB'),
  },
});

const submissionRoute = createRoute({
  method: 'get',
  path: '/submissions/{submission_id}',
  operationId: 'getSubmission',
  tags: ['ingest'],
  summary: 'What became of one submission: imported, updated, ignored or rejected with reasons',
  description:
    'Engineers and admins read any submission; a cadre token only those of its own village ' +
    '(any other id answers 404, as if it did not exist).',
  security: [{ bearer: [] }],
  request: { params: z.object({ submission_id: z.string().min(1).max(200) }) },
  responses: {
    200: {
      description: 'The outcome',
      content: { 'application/json': { schema: submissionSchema } },
    },
    404: {
      description: 'Not loaded (yet), or not one this token may read',
      content: { 'application/json': { schema: errorSchema } },
    },
    401: errors[401],
    403: errors[403],
  },
});

function newSourceId(now: Date): string {
  return `api-${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`;
}

function reportIdOf(report: Record<string, unknown>): string | null {
  return typeof report.report_id === 'string' ? report.report_id : null;
}

export function reportsRoutes(deps: AppDeps) {
  const rate = new SubmitRateLimiter(deps.limits, () => deps.clock().getTime());
  const handOver = createLoadHandOver(deps.queues.load);
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });
  app.use('/reports', requireRole(deps, SUBMIT_ROLES));
  // The size is checked before the body is read whole for its UTF-8 check.
  app.use('/reports', limitBody(deps.limits.reportsMaxBytes, 'POST /reports'), utf8Body());
  app.use('/submissions/*', requireRole(deps, SUBMIT_ROLES));
  return app
    .openapi(submitRoute, async (c) => {
      const body = c.req.valid('json');
      const reports = Array.isArray(body) ? body : [body];
      const principal = c.get('principal');
      for (const report of reports) {
        assertMayReportFor(
          principal,
          typeof report.village_code === 'string' ? report.village_code : '',
        );
      }
      rate.take(principal, reports.length);
      if (!deps.queues.available()) throw queueUnavailable();
      const receivedAt = deps.clock();
      const sourceId = newSourceId(receivedAt);
      const job: BatchJob = {
        source: 'api',
        source_id: sourceId,
        received_at: receivedAt.toISOString(),
        chunk: 0,
        records: reports.map((value, i) => ({ line: i + 1, value })),
      };
      const batch = validateBatch(job, deps.villages);
      await handOver.submit([batch]).catch((error: unknown) => {
        throw queueUnavailable((error as Error).message);
      });
      return c.json(
        {
          source_id: sourceId,
          received_at: job.received_at,
          submissions: reports.map((report, i) => ({
            submission_id: `${sourceId}:${i + 1}`,
            report_id: reportIdOf(report),
          })),
        },
        202,
      );
    })
    .openapi(submissionRoute, async (c) => {
      const { submission_id } = c.req.valid('param');
      const submission = await getSubmission(deps.warehouse.lineageDb, submission_id);
      // Another village's submission is as unknown to a cadre as one never made.
      if (!submission || !maySeeSubmission(c.get('principal'), submission)) {
        throw notFound(`Submission ${submission_id} (it may still be in the queue)`);
      }
      return c.json(submissionJson(submission), 200);
    });
}
