import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, bodyOf, getJson, KUNGKAI, tokenFor } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';

let t: TestApp;
const admin = bearer(TEST_ADMIN_TOKEN);
let engineer: string;

beforeAll(async () => {
  t = await createTestApp();
  engineer = await tokenFor(t.warehouse, 'engineer');
});

afterAll(async () => {
  await t.close();
});

function send(method: string, path: string, token: string, body?: unknown) {
  return t.app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('GET /audit', () => {
  it('records who created and revoked a token, uploaded the roster and retried jobs, newest first', async () => {
    const created = await bodyOf(
      await send('POST', '/tokens', TEST_ADMIN_TOKEN, {
        name: 'Jambi lead',
        role: 'lead',
        scope: '15',
      }),
    );
    expect((await send('DELETE', `/tokens/${created.token_id}`, TEST_ADMIN_TOKEN)).status).toBe(
      200,
    );
    // Revoking again changes nothing, and records nothing.
    await send('DELETE', `/tokens/${created.token_id}`, TEST_ADMIN_TOKEN);
    const roster = [{ cadre_id: 'KD-A1', name: 'Ani', village_code: KUNGKAI, active: true }];
    expect((await send('POST', '/cadres', engineer, [...roster, { cadre_id: 'bad' }])).status).toBe(
      200,
    );
    expect((await send('POST', '/pipeline/failed/retry', engineer, {})).status).toBe(200);

    const { status, body } = await getJson(t.app, '/audit', admin);
    expect(status).toBe(200);
    const acts = body.rows.filter(
      (row: { actor: { token_id: string } }) => row.actor.token_id !== 'test',
    );
    expect(acts.map((row: { action: string }) => row.action)).toEqual([
      'jobs.retried',
      'roster.uploaded',
      'token.revoked',
      'token.created',
    ]);
    const [retried, uploaded, revoked, made] = acts;
    const adminActor = { token_id: 'bootstrap', name: 'ADMIN_TOKEN', role: 'admin' };
    expect(made).toMatchObject({
      actor: adminActor,
      target: created.token_id,
      details: { name: 'Jambi lead', role: 'lead', scope: '15' },
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(revoked).toMatchObject({ actor: adminActor, target: created.token_id });
    expect(uploaded).toMatchObject({
      actor: { role: 'engineer', name: 'test engineer' },
      target: null,
      details: { format: 'json', inserted: 1, updated: 0, rejected: 1 },
    });
    expect(retried).toMatchObject({
      actor: { role: 'engineer' },
      details: { retried: 0, job_ids: null, import_id: null },
    });
  });

  it('filters by action and pages back with before', async () => {
    const created = await getJson(t.app, '/audit?action=token.created', admin);
    expect(
      created.body.rows.every((row: { action: string }) => row.action === 'token.created'),
    ).toBe(true);
    const [newest, ...rest] = created.body.rows;
    const older = await getJson(
      t.app,
      `/audit?action=token.created&before=${newest.audit_id}`,
      admin,
    );
    expect(older.body.rows).toEqual(rest);
    const bad = await getJson(t.app, '/audit?action=token.stolen', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('action');
  });
});
