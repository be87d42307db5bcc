// Issuing and revoking API tokens: the secret is shown once, only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { levelOfCode } from '@pantau/domain';
import {
  findAreas,
  insertApiToken,
  recordAudit,
  revokeApiToken,
  type ApiTokenRecord,
  type AuditActor,
  type Warehouse,
} from '@pantau/warehouse';
import { badRequest } from '../errors';
import { ROLES, SCOPED_ROLES } from './principal';

/** Secrets carry this prefix so a leaked one is easy to recognise (and to grep for). */
export const TOKEN_PREFIX = 'pantau_';
/** 32 random bytes: guessing is hopeless, so a fast hash (SHA-256) is enough to store it. */
const SECRET_BYTES = 32;
const TOKEN_ID_BYTES = 6;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const newTokenSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .openapi({ examples: ['Jambi provincial lead'] }),
    role: z.enum(ROLES),
    scope: z
      .string()
      .optional()
      .openapi({
        description: "A lead's province or kabupaten code, a cadre's village code; else omitted",
        examples: ['15'],
      }),
  })
  .superRefine((token, ctx) => {
    const levels: readonly string[] | undefined =
      SCOPED_ROLES[token.role as keyof typeof SCOPED_ROLES];
    if (!levels) {
      if (token.scope !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['scope'], message: `a ${token.role} has no scope` });
      }
      return;
    }
    const level = token.scope === undefined ? null : levelOfCode(token.scope);
    if (level === null || !levels.includes(level)) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: `a ${token.role} needs a scope: a ${levels.join(' or ')} code`,
      });
    }
  })
  .openapi('NewToken');

export type NewToken = z.infer<typeof newTokenSchema>;

export interface IssuedToken {
  record: ApiTokenRecord;
  /** The secret to hand to the caller; it cannot be recovered later. */
  token: string;
}

/**
 * Stores a new token and returns its secret; 400 when the scope is not a known area. The audit
 * trail records who created it, in the same transaction.
 */
export async function issueApiToken(
  warehouse: Warehouse,
  input: NewToken,
  actor: AuditActor,
  now: Date,
): Promise<IssuedToken> {
  const scope = input.scope ?? null;
  if (scope !== null) {
    const [area] = await findAreas(warehouse.db, [scope]);
    if (!area) {
      throw badRequest(`Invalid body field "scope": ${scope} is not a known area`, [
        { location: 'json', field: 'scope', message: 'unknown area' },
      ]);
    }
  }
  const token = `${TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  const record = await warehouse.write(async ({ db }) => {
    const inserted = await insertApiToken(db, {
      token_id: randomBytes(TOKEN_ID_BYTES).toString('hex'),
      token_hash: hashSecret(token),
      name: input.name,
      role: input.role,
      scope,
      created_by: actor.name,
      created_at: now,
    });
    await recordAudit(db, {
      actor,
      action: 'token.created',
      target: inserted.token_id,
      details: { name: inserted.name, role: inserted.role, scope: inserted.scope },
      at: now,
    });
    return inserted;
  });
  return { record, token };
}

/**
 * Revokes a token by id; null when there is none. The audit trail records the revocation (not
 * a second one of a token already revoked), in the same transaction.
 */
export function revokeToken(
  warehouse: Warehouse,
  tokenId: string,
  actor: AuditActor,
  now: Date,
): Promise<ApiTokenRecord | null> {
  return warehouse.write(async ({ db }) => {
    const record = await revokeApiToken(db, tokenId, now);
    if (record?.revoked_at?.getTime() === now.getTime()) {
      await recordAudit(db, {
        actor,
        action: 'token.revoked',
        target: tokenId,
        details: { name: record.name, role: record.role, scope: record.scope },
        at: now,
      });
    }
    return record;
  });
}
