// /tokens: admins create, list and revoke API tokens (the secret is shown once, at creation).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listApiTokens, type ApiTokenRecord } from '@pantau/warehouse';
import { issueApiToken, newTokenSchema, revokeToken } from '../auth/api-tokens';
import { ROLES, TOKEN_ADMIN_ROLES } from '../auth/principal';
import { requireRole } from '../auth/require-role';
import { tokenCacheOf } from '../auth/token-cache';
import type { AppDeps } from '../deps';
import { errorSchema, notFound, unauthorizedResponse, validationHook } from '../errors';
import { limitParam } from '../schemas/query-params';

const TOKENS_DEFAULT_LIMIT = 100;
const TOKENS_MAX_LIMIT = 1_000;

const json = { 'application/json': { schema: errorSchema } };
const adminErrors = {
  400: { description: 'A parameter or body field is invalid', content: json },
  401: unauthorizedResponse,
  403: { description: 'Only admins manage tokens', content: json },
} as const;

export const tokenSchema = z
  .object({
    token_id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    scope: z.string().nullable(),
    created_at: z.string(),
    created_by: z.string().openapi({ description: 'Name of the token that created it' }),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiToken');

export const issuedTokenSchema = tokenSchema
  .extend({
    token: z.string().openapi({ description: 'The secret: shown only now, stored only hashed' }),
  })
  .openapi('IssuedApiToken');

function tokenJson(record: ApiTokenRecord) {
  return {
    ...record,
    created_at: record.created_at.toISOString(),
    revoked_at: record.revoked_at?.toISOString() ?? null,
  };
}

export function tokensRoutes(deps: AppDeps) {
  const create = createRoute({
    method: 'post',
    path: '/tokens',
    operationId: 'createToken',
    tags: ['access'],
    summary: 'Create an API token (a lead needs a province or kabupaten scope, a cadre a village)',
    middleware: [requireRole(deps, TOKEN_ADMIN_ROLES)] as const,
    security: [{ bearer: [] }],
    request: {
      body: { required: true, content: { 'application/json': { schema: newTokenSchema } } },
    },
    responses: {
      201: {
        description: 'The new token, with its secret',
        content: { 'application/json': { schema: issuedTokenSchema } },
      },
      ...adminErrors,
    },
  });
  const list = createRoute({
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    tags: ['access'],
    summary: 'List API tokens, newest first (never their secrets)',
    middleware: [requireRole(deps, TOKEN_ADMIN_ROLES)] as const,
    security: [{ bearer: [] }],
    request: {
      query: z.object({
        include_revoked: z
          .enum(['true', 'false'])
          .default('false')
          .transform((value) => value === 'true'),
        limit: limitParam(TOKENS_DEFAULT_LIMIT, TOKENS_MAX_LIMIT),
      }),
    },
    responses: {
      200: {
        description: 'Tokens',
        content: { 'application/json': { schema: z.object({ rows: z.array(tokenSchema) }) } },
      },
      ...adminErrors,
    },
  });
  const revoke = createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    operationId: 'revokeToken',
    tags: ['access'],
    summary: 'Revoke an API token; it stops working at once',
    middleware: [requireRole(deps, TOKEN_ADMIN_ROLES)] as const,
    security: [{ bearer: [] }],
    request: { params: z.object({ id: z.string().min(1).max(64) }) },
    responses: {
      200: {
        description: 'The revoked token',
        content: { 'application/json': { schema: tokenSchema } },
      },
      ...adminErrors,
      404: { description: 'No token has that id', content: json },
    },
  });

  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(create, async (c) => {
      const input = c.req.valid('json');
      const { record, token } = await issueApiToken(
        deps.warehouse,
        input,
        c.var.principal,
        deps.clock(),
      );
      deps.logger.info({ token_id: record.token_id, role: record.role }, 'api token created');
      return c.json({ ...tokenJson(record), token }, 201);
    })
    .openapi(list, async (c) => {
      const { include_revoked, limit } = c.req.valid('query');
      const rows = await listApiTokens(deps.warehouse.db, {
        includeRevoked: include_revoked,
        limit,
      });
      return c.json({ rows: rows.map(tokenJson) }, 200);
    })
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid('param');
      const record = await revokeToken(deps.warehouse, id, c.var.principal, deps.clock());
      if (!record) throw notFound(`Token ${id}`);
      tokenCacheOf(deps).clear();
      deps.logger.info({ token_id: id }, 'api token revoked');
      return c.json(tokenJson(record), 200);
    });
}
