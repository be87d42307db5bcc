// Bearer-token authentication and role checks for routes.
import { timingSafeEqual } from 'node:crypto';
import { findLiveApiToken } from '@pantau/warehouse';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps';
import { ApiError, unauthorized } from '../errors';
import { hashSecret, TOKEN_PREFIX } from './api-tokens';
import {
  ANONYMOUS_PRINCIPAL,
  BOOTSTRAP_PRINCIPAL,
  READ_ROLES,
  type Principal,
  type Role,
} from './principal';
import { tokenCacheOf } from './token-cache';

export interface AuthVariables {
  principal: Principal;
}

export interface RequireRoleOptions {
  /** Callers without a token pass as `anonymous` when PUBLIC_READ is on. */
  anonymous?: boolean;
  /**
   * Also accept the token as `?access_token=`: a browser's EventSource cannot send headers.
   * Only for streams, since a URL ends up in logs and history.
   */
  queryToken?: boolean;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** The principal behind a bearer token, or null when the token is unknown or revoked. */
async function resolveToken(deps: AppDeps, token: string): Promise<Principal | null> {
  if (sameSecret(token, deps.adminToken)) return BOOTSTRAP_PRINCIPAL;
  // Anything without the prefix was never issued: no need to ask DuckDB.
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = hashSecret(token);
  const cache = tokenCacheOf(deps);
  const now = Date.now();
  const cached = cache.get(hash, now);
  if (cached) return cached;
  const record = await findLiveApiToken(deps.warehouse.db, hash);
  if (!record) return null;
  const principal: Principal = {
    token_id: record.token_id,
    name: record.name,
    role: record.role,
    scope: record.scope,
  };
  cache.set(hash, principal, now);
  return principal;
}

/**
 * Lets through callers holding one of `roles` (401 without a valid token, 403 with the wrong
 * role). With `anonymous: true`, callers without a token pass when PUBLIC_READ is on.
 */
export function requireRole(
  deps: AppDeps,
  roles: readonly Role[],
  options: RequireRoleOptions = {},
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token =
      bearer(c.req.header('authorization')) ??
      (options.queryToken ? (c.req.query('access_token') ?? null) : null);
    if (token === null) {
      if (options.anonymous && deps.publicRead) {
        c.set('principal', ANONYMOUS_PRINCIPAL);
        return next();
      }
      throw unauthorized('A bearer token is required (Authorization: Bearer <token>)', false);
    }
    const principal = await resolveToken(deps, token);
    if (!principal) throw unauthorized('The bearer token is not valid', true);
    if (principal.role === 'anonymous' || !roles.includes(principal.role)) {
      throw new ApiError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    }
    c.set('principal', principal);
    return next();
  };
}

/** Read access: analysts, leads, engineers, admins — and anyone when PUBLIC_READ is on. */
export function requireRead(deps: AppDeps, options: Pick<RequireRoleOptions, 'queryToken'> = {}) {
  return requireRole(deps, READ_ROLES, { ...options, anonymous: true });
}
