import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, bodyOf, getJson, tokenFor } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';

let t: TestApp;
const admin = bearer(TEST_ADMIN_TOKEN);

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

function post(body: unknown, init: RequestInit = admin) {
  return t.app.request('/api/v1/tokens', {
    method: 'POST',
    headers: { ...(init.headers as Record<string, string>), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('/tokens', () => {
  it('creates a lead token that works at once, shows its secret once and stores only a hash', async () => {
    const res = await post({ name: 'Jambi lead', role: 'lead', scope: '15' });
    expect(res.status).toBe(201);
    const created = await bodyOf(res);
    expect(created).toMatchObject({
      name: 'Jambi lead',
      role: 'lead',
      scope: '15',
      created_by: 'ADMIN_TOKEN',
      revoked_at: null,
    });
    expect(created.token).toMatch(/^pantau_[\w-]{43}$/);
    const stored = await t.warehouse.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const lead = bearer(created.token);
    expect((await getJson(t.app, '/areas?parent=15&level=regency', lead)).status).toBe(200);
    expect((await getJson(t.app, '/areas?parent=33&level=regency', lead)).status).toBe(403);

    const list = await getJson(t.app, '/tokens', admin);
    expect(list.body.rows[0]).toMatchObject({ token_id: created.token_id, role: 'lead' });
    expect(list.body.rows[0]).not.toHaveProperty('token');
    expect(list.body.rows[0]).not.toHaveProperty('token_hash');
  });

  it('revokes a token, which then gets 401', async () => {
    const created = await bodyOf(await post({ name: 'temp analyst', role: 'analyst' }));
    const analyst = bearer(created.token);
    expect((await getJson(t.app, '/areas?level=province', analyst)).status).toBe(200);
    const res = await t.app.request(`/api/v1/tokens/${created.token_id}`, {
      method: 'DELETE',
      ...admin,
    });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).revoked_at).toEqual(expect.any(String));
    expect((await getJson(t.app, '/areas?level=province', analyst)).status).toBe(401);
    const active = await getJson(t.app, '/tokens', admin);
    expect(active.body.rows.map((r: { token_id: string }) => r.token_id)).not.toContain(
      created.token_id,
    );
    const all = await getJson(t.app, '/tokens?include_revoked=true', admin);
    expect(all.body.rows.map((r: { token_id: string }) => r.token_id)).toContain(created.token_id);
    const again = await t.app.request('/api/v1/tokens/nope', { method: 'DELETE', ...admin });
    expect(again.status).toBe(404);
  });

  it('checks role and scope together', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', role: 'lead' }, 'scope'],
      [{ name: 'x', role: 'lead', scope: '15.02.02' }, 'scope'],
      [{ name: 'x', role: 'cadre', scope: '15' }, 'scope'],
      [{ name: 'x', role: 'analyst', scope: '15' }, 'scope'],
      [{ name: 'x', role: 'boss' }, 'role'],
      [{ name: '', role: 'analyst' }, 'name'],
      [{ name: 'x', role: 'lead', scope: '15.99' }, 'scope'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await bodyOf(res)).error.details[0].field).toBe(field);
    }
    const malformed = await t.app.request('/api/v1/tokens', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(malformed.status).toBe(400);
  });

  it('is for admins only', async () => {
    const analyst = bearer(await tokenFor(t.warehouse, 'analyst'));
    expect((await post({ name: 'x', role: 'analyst' }, analyst)).status).toBe(403);
    expect((await getJson(t.app, '/tokens', analyst)).status).toBe(403);
    const admin2 = bearer(await tokenFor(t.warehouse, 'admin'));
    expect((await getJson(t.app, '/tokens', admin2)).status).toBe(200);
    expect((await t.app.request('/api/v1/tokens')).status).toBe(401);
  });
});
