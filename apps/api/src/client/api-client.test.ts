import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUNGKAI } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';
import { ApiCallError, ApiUnreachableError, createApiClient, jsonOf } from './api-client';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

/** The typed client, its requests answered by the app in this process. */
function client(token: string | null) {
  return createApiClient({
    baseUrl: 'http://pantau.test',
    token,
    fetch: (async (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      t.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
}

describe('the typed API client', () => {
  it('sends the token and reads the answer', async () => {
    const tokens = client(TEST_ADMIN_TOKEN).api.v1.tokens;
    const created = await jsonOf<{ token: string; role: string }>(
      await tokens.$post({ json: { name: 'Ana', role: 'analyst' } }),
    );
    expect(created.role).toBe('analyst');
    const areas = client(created.token).api.v1.areas;
    const res = await areas.$get({ query: { level: 'province' } });
    expect(res.status).toBe(200);
  });

  it("throws the API's error with its status, code and details", async () => {
    const cadres = client(TEST_ADMIN_TOKEN).api.v1.cadres;
    const refused = cadres.$post({
      json: [
        { cadre_id: 'KD-1', name: 'Ani', village_code: KUNGKAI, region: 'Bandung', active: true },
      ],
    });
    const error = await jsonOf(await refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({
      status: 422,
      code: 'roster_rejected',
      details: [{ line: 1, field: 'region', value: 'Bandung' }],
    });
    const anonymous = await jsonOf(await client(null).api.v1.tokens.$get({ query: {} })).catch(
      (e: unknown) => e,
    );
    expect(anonymous).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('says when nothing answers at the address', async () => {
    const nowhere = createApiClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    await expect(nowhere.api.v1.health.$get()).rejects.toThrow(ApiUnreachableError);
    await expect(nowhere.api.v1.health.$get()).rejects.toThrow(
      /cannot reach the API at http:\/\/127\.0\.0\.1:9/,
    );
  });
});
