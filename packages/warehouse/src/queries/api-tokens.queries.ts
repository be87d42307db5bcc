// API tokens: store a new one, find the live token behind a secret's hash, list and revoke them.
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenRole, ApiTokensTable, Database } from '../schema';

export type ApiTokenRecord = Omit<Selectable<ApiTokensTable>, 'token_hash'>;

export interface NewApiToken {
  token_id: string;
  token_hash: string;
  name: string;
  role: ApiTokenRole;
  scope: string | null;
  created_by: string;
  created_at: Date;
}

const PUBLIC_COLUMNS = [
  'token_id',
  'name',
  'role',
  'scope',
  'created_at',
  'created_by',
  'revoked_at',
] as const;

/** Stores a token; call it inside `warehouse.write`, the single writer. */
export async function insertApiToken(
  db: Kysely<Database>,
  token: NewApiToken,
): Promise<ApiTokenRecord> {
  return db
    .insertInto('api_tokens')
    .values({ ...token, created_at: token.created_at.toISOString(), revoked_at: null })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The unrevoked token whose secret hashes to `tokenHash`, or null. */
export async function findLiveApiToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<ApiTokenRecord | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(PUBLIC_COLUMNS)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** Tokens newest first; revoked ones only when asked for. */
export async function listApiTokens(
  db: Kysely<Database>,
  options: { includeRevoked: boolean; limit: number },
): Promise<ApiTokenRecord[]> {
  let query = db.selectFrom('api_tokens').select(PUBLIC_COLUMNS);
  if (!options.includeRevoked) query = query.where('revoked_at', 'is', null);
  return query.orderBy('created_at', 'desc').orderBy('token_id').limit(options.limit).execute();
}

/**
 * Revokes a token (inside `warehouse.write`). Revoking twice keeps the first time; null when
 * no token has that id.
 */
export async function revokeApiToken(
  db: Kysely<Database>,
  tokenId: string,
  at: Date,
): Promise<ApiTokenRecord | null> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at.toISOString() })
    .where('token_id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('api_tokens')
    .select(PUBLIC_COLUMNS)
    .where('token_id', '=', tokenId)
    .executeTakeFirst();
  return row ?? null;
}
