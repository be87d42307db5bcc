// GET /audit: the audit trail for admins — who created or revoked tokens, started imports,
// retried failed jobs or uploaded the roster, and when.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, listAudit, type AuditRecord } from '@pantau/warehouse';
import { TOKEN_ADMIN_ROLES } from '../auth/principal';
import { requireRole } from '../auth/require-role';
import type { AppDeps } from '../deps';
import { errorSchema, unauthorizedResponse, validationHook } from '../errors';
import { limitParam } from '../schemas/query-params';

const AUDIT_DEFAULT_LIMIT = 100;
const AUDIT_MAX_LIMIT = 1_000;

const json = { 'application/json': { schema: errorSchema } };

export const auditEntrySchema = z
  .object({
    audit_id: z.number().int().openapi({ description: 'Grows with every act: the order' }),
    at: z.string().openapi({ description: 'When it happened (ISO 8601)' }),
    actor: z
      .object({
        token_id: z.string().openapi({
          description: 'The token used: `bootstrap` for ADMIN_TOKEN, `cli` for the tokens CLI',
        }),
        name: z.string(),
        role: z.string(),
      })
      .openapi({ description: 'Who did it, as the token was then' }),
    action: z.enum(AUDIT_ACTIONS),
    target: z
      .string()
      .nullable()
      .openapi({ description: 'The token or import acted on; null when none single' }),
    details: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'What else it was about: role and scope, file, job counts' }),
  })
  .openapi('AuditEntry');

function entryJson(record: AuditRecord) {
  return { ...record, at: record.at.toISOString() };
}

export function auditRoutes(deps: AppDeps) {
  const route = createRoute({
    method: 'get',
    path: '/audit',
    operationId: 'listAuditEntries',
    tags: ['access'],
    summary: 'The audit trail, newest first (admins)',
    description:
      'Token created or revoked, import started, failed jobs retried, roster uploaded: who, ' +
      'what and when. Page back with `before` (the `audit_id` of the last entry seen).',
    middleware: [requireRole(deps, TOKEN_ADMIN_ROLES)] as const,
    security: [{ bearer: [] }],
    request: {
      query: z.object({
        action: z.enum(AUDIT_ACTIONS).optional().openapi({ description: 'Only this kind of act' }),
        before: z.coerce
          .number()
          .int()
          .min(1)
          .optional()
          .openapi({ description: 'Only acts recorded before the one with this audit_id' }),
        limit: limitParam(AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT),
      }),
    },
    responses: {
      200: {
        description: 'Acts, newest first',
        content: {
          'application/json': {
            schema: z.object({ rows: z.array(auditEntrySchema) }).openapi('AuditTrail'),
          },
        },
      },
      400: { description: 'A parameter is invalid; the error names it', content: json },
      401: unauthorizedResponse,
      403: { description: 'Only admins read the audit trail', content: json },
    },
  });
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { action, before, limit } = c.req.valid('query');
    const rows = await listAudit(deps.warehouse.db, { limit, action, beforeId: before });
    return c.json({ rows: rows.map(entryJson) }, 200);
  });
}
