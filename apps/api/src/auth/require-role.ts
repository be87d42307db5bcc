// Bearer-token authentication and role checks for routes.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { READ_ROLES, type Principal, type Role } from './principal';

export interface AuthVariables {
  principal: Principal;
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

/** The principal behind a bearer token, or null when the token is unknown. */
async function resolveToken(deps: AppDeps, token: string): Promise<Principal | null> {
  if (sameSecret(token, deps.adminToken)) {
    return { token_id: 'bootstrap', name: 'ADMIN_TOKEN', role: 'admin', scope: null };
  }
  return null;
}

/**
 * Lets through callers holding one of `roles` (401 without a valid token, 403 with the wrong
 * role). With `anonymous: true`, callers without a token pass when PUBLIC_READ is on.
 */
export function requireRole(
  deps: AppDeps,
  roles: readonly Role[],
  options: { anonymous?: boolean } = {},
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (token === null) {
      if (options.anonymous && deps.publicRead) {
        c.set('principal', {
          token_id: 'anonymous',
          name: 'anonymous',
          role: 'anonymous',
          scope: null,
        });
        return next();
      }
      throw new ApiError(
        401,
        'unauthorized',
        'A bearer token is required (Authorization: Bearer <token>)',
      );
    }
    const principal = await resolveToken(deps, token);
    if (!principal) throw new ApiError(401, 'unauthorized', 'The bearer token is not valid');
    if (principal.role === 'anonymous' || !roles.includes(principal.role)) {
      throw new ApiError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    }
    c.set('principal', principal);
    return next();
  };
}

/** Read access: analysts, leads, engineers, admins — and anyone when PUBLIC_READ is on. */
export function requireRead(deps: AppDeps) {
  return requireRole(deps, READ_ROLES, { anonymous: true });
}
