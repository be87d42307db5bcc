import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../warehouse';
import {
  findLiveApiToken,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
} from './api-tokens.queries';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null });
});

afterAll(async () => {
  await warehouse.close();
});

const token = {
  token_id: 'tok1',
  token_hash: 'hash-1',
  name: 'Jambi lead',
  role: 'lead' as const,
  scope: '15',
  created_by: 'ADMIN_TOKEN',
  created_at: new Date('2024-01-01T00:00:00Z'),
};

describe('api tokens', () => {
  it('stores a token and finds it by hash, never returning the hash', async () => {
    const stored = await warehouse.write(({ db }) => insertApiToken(db, token));
    expect(stored).toEqual({
      token_id: 'tok1',
      name: 'Jambi lead',
      role: 'lead',
      scope: '15',
      created_at: token.created_at,
      created_by: 'ADMIN_TOKEN',
      revoked_at: null,
    });
    expect(await findLiveApiToken(warehouse.db, 'hash-1')).toEqual(stored);
    expect(await findLiveApiToken(warehouse.db, 'hash-2')).toBeNull();
  });

  it('revokes once, hides revoked tokens from lookups and, unless asked, from the list', async () => {
    await warehouse.write(({ db }) =>
      insertApiToken(db, { ...token, token_id: 'tok2', token_hash: 'hash-2', scope: null }),
    );
    const at = new Date('2024-02-01T00:00:00Z');
    const revoked = await warehouse.write(({ db }) => revokeApiToken(db, 'tok1', at));
    expect(revoked?.revoked_at).toEqual(at);
    const again = await warehouse.write(({ db }) =>
      revokeApiToken(db, 'tok1', new Date('2024-03-01T00:00:00Z')),
    );
    expect(again?.revoked_at).toEqual(at);
    expect(await findLiveApiToken(warehouse.db, 'hash-1')).toBeNull();
    const live = await listApiTokens(warehouse.db, { includeRevoked: false, limit: 10 });
    expect(live.map((t) => t.token_id)).toEqual(['tok2']);
    const all = await listApiTokens(warehouse.db, { includeRevoked: true, limit: 10 });
    expect(all.map((t) => t.token_id).sort()).toEqual(['tok1', 'tok2']);
    expect(await warehouse.write(({ db }) => revokeApiToken(db, 'nope', at))).toBeNull();
  });

  it('refuses a second token with the same hash', async () => {
    await expect(
      warehouse.write(({ db }) => insertApiToken(db, { ...token, token_id: 'tok3' })),
    ).rejects.toThrow();
  });
});
