// Who may call each read endpoint: every role, a lead in and out of scope, and PUBLIC_READ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, KUNGKAI, loadReadFixture, tokenFor } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';

/** One call per read endpoint, all inside kabupaten Merangin (15.02). */
const READS = [
  '/areas?level=district&parent=15.02',
  '/areas/15.02.02',
  '/scores?level=district&parent=15.02',
  '/timeseries?area=15.02',
  '/rankings?level=district&parent=15.02',
  '/compare?areas=15.02.02,15.02.06',
  '/distribution?level=village&parent=15.02',
  '/completeness?level=district&parent=15.02',
  '/summary?parent=15.02',
  `/villages/${KUNGKAI}/reports`,
  '/export?level=district&parent=15.02',
  '/live',
];

let t: TestApp;
let open: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  [t, open] = await Promise.all([createTestApp(), createTestApp({ publicRead: true })]);
  await Promise.all([loadReadFixture(t.warehouse), loadReadFixture(open.warehouse)]);
  for (const [name, role, scope] of [
    ['cadre', 'cadre', KUNGKAI],
    ['analyst', 'analyst'],
    ['engineer', 'engineer'],
    ['admin', 'admin'],
    ['merangin lead', 'lead', '15.02'],
    ['jambi lead', 'lead', '15'],
    ['jateng lead', 'lead', '33'],
  ] as const) {
    tokens[name] = await tokenFor(t.warehouse, role, scope);
  }
  tokens['open cadre'] = await tokenFor(open.warehouse, 'cadre', KUNGKAI);
});

afterAll(async () => {
  await Promise.all([t.close(), open.close()]);
});

/** The status of a call; streamed bodies are cancelled so nothing is left open. */
async function statusOf(app: TestApp, path: string, token?: string): Promise<number> {
  const res = await app.app.request(`/api/v1${path}`, token ? bearer(token) : undefined);
  await res.body?.cancel();
  return res.status;
}

describe.each(READS)('GET %s', (path) => {
  it('needs a valid token', async () => {
    expect(await statusOf(t, path)).toBe(401);
    expect(await statusOf(t, path, 'pantau_not-a-token')).toBe(401);
  });

  it('lets analysts, engineers, admins and a lead in scope read', async () => {
    for (const who of ['analyst', 'engineer', 'admin', 'merangin lead', 'jambi lead']) {
      expect([who, await statusOf(t, path, tokens[who])]).toEqual([who, 200]);
    }
    expect(await statusOf(t, path, TEST_ADMIN_TOKEN)).toBe(200);
  });

  it('refuses a cadre and a lead out of scope with 403', async () => {
    expect(await statusOf(t, path, tokens.cadre)).toBe(403);
    const outside = await statusOf(t, path, tokens['jateng lead']);
    // The live stream names no area: a lead anywhere may open it (events are filtered).
    expect(outside).toBe(path === '/live' ? 200 : 403);
  });

  it('is open to anonymous callers under PUBLIC_READ, but still checks a token given', async () => {
    expect(await statusOf(open, path)).toBe(200);
    expect(await statusOf(open, path, 'pantau_not-a-token')).toBe(401);
    expect(await statusOf(open, path, tokens['open cadre'])).toBe(403);
  });
});
