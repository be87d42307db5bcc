import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, KUNGKAI, SUNGAI_UDANG, WONOREJO } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

function uploadCsv(csv: string) {
  return t.app.request('/api/v1/cadres', {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: csv,
  });
}

async function regionsStored(): Promise<Record<string, string | null>> {
  const rows = await t.warehouse.db
    .selectFrom('cadres')
    .select(['cadre_id', 'region'])
    .orderBy('cadre_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.cadre_id, r.region]));
}

describe('POST /cadres', () => {
  it('stores the region code for the names people write', async () => {
    const csv =
      'cadre_id,name,village_code,region,active\n' +
      `KD-R1,Siti,${KUNGKAI},region jakarta,ya\n` +
      `KD-R2,Budi,${SUNGAI_UDANG},Jakarta,tidak\n` +
      `KD-R3,Yohana,${WONOREJO},Makasar,1\n`;
    const res = await uploadCsv(csv);
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({ inserted: 3, updated: 0, rejected: [] });
    expect(await regionsStored()).toMatchObject({ 'KD-R1': 'JKT', 'KD-R2': 'JKT', 'KD-R3': 'MKS' });
  });

  it('answers 422 with every reason when no row can be applied, and applies nothing', async () => {
    const before = await regionsStored();
    const csv =
      'cadre_id,name,village_code,region,active\n' +
      `KD-X1,Ani,${KUNGKAI},Bandung,ya\n` +
      `KD-X2,,99.99.99.9999,JKT,maybe\n`;
    const res = await uploadCsv(csv);
    expect(res.status).toBe(422);
    const { error } = (await bodyOf(res)) as {
      error: { code: string; message: string; details: Record<string, unknown>[] };
    };
    expect(error.code).toBe('roster_rejected');
    expect(error.message).toMatch(/Every row of the roster \(2\) was refused/);
    expect(error.details).toEqual([
      {
        line: 2,
        field: 'region',
        value: 'Bandung',
        message: expect.stringMatching(/^must be one of JKT/),
      },
      { line: 3, field: 'name', value: undefined, message: 'is required' },
      { line: 3, field: 'active', value: 'maybe', message: 'must be true or false' },
    ]);
    expect(await regionsStored()).toEqual(before);
  });

  it('still applies the good rows of a roster with some bad ones (200)', async () => {
    const csv =
      'cadre_id,name,village_code,region,active\n' +
      `KD-P1,Ani,${KUNGKAI},SBY,ya\n` +
      `KD-P2,Ani,${KUNGKAI},Bandung,ya\n`;
    const res = await uploadCsv(csv);
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({ inserted: 1, rejected: [{ line: 3 }] });
  });
});
