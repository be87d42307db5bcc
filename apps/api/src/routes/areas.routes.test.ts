import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, getJson, KUNGKAI, SUNGAI_UDANG, tokenFor } from '../testing/read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app';

let t: TestApp;
const admin = bearer(TEST_ADMIN_TOKEN);
const get = (path: string, init: RequestInit = admin) => getJson(t.app, path, init);

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('GET /areas', () => {
  it('lists the kecamatan of a kabupaten', async () => {
    const { status, body } = await get('/areas?level=district&parent=15.02&limit=100');
    expect(status).toBe(200);
    expect(body).toMatchObject({ level: 'district', parent: '15.02', q: null });
    expect(body.rows).toHaveLength(24);
    expect(body.rows).toContainEqual({
      code: '15.02.02',
      name: 'Bangko',
      level: 'district',
      parent_code: '15.02',
      ancestors: [
        { code: '15', name: 'Jambi', level: 'province', parent_code: null },
        { code: '15.02', name: 'Kabupaten Merangin', level: 'regency', parent_code: '15' },
      ],
    });
  });

  it('tells apart villages of the same name by their ancestors', async () => {
    const { body } = await get('/areas?q=mentawak&level=village&limit=10');
    const places = body.rows
      .filter((r: { name: string }) => r.name === 'Mentawak')
      .map((r: { code: string; ancestors: { name: string }[] }) => [
        r.code,
        r.ancestors.map((a) => a.name),
      ]);
    expect(places).toEqual([
      ['15.02.11.2006', ['Jambi', 'Kabupaten Merangin', 'Nalo Tantan']],
      ['19.06.04.2001', ['Kepulauan Bangka Belitung', 'Kabupaten Belitung Timur', 'Kelapa Kampit']],
    ]);
  });

  it('gives a province no ancestors', async () => {
    const { body } = await get('/areas?q=jambi&level=province');
    expect(body.rows).toEqual([
      { code: '15', name: 'Jambi', level: 'province', parent_code: null, ancestors: [] },
    ]);
  });

  it('searches names case-insensitively over every level, prefix matches first', async () => {
    const { body } = await get('/areas?q=SUNGAI%20UDANG&limit=5');
    expect(body.rows[0]).toMatchObject({ code: SUNGAI_UDANG, name: 'Sungai Udang' });
    const merangin = await get('/areas?q=merangin&limit=3');
    expect(merangin.body.rows[0]).toMatchObject({ code: '15.02', level: 'regency' });
  });

  it('takes a search text literally, wildcards included', async () => {
    const { status, body } = await get('/areas?q=%25_%25');
    expect(status).toBe(200);
    expect(body.rows).toEqual([]);
  });

  it('searches only inside the parent when one is given', async () => {
    const { body } = await get('/areas?q=sungai&parent=15.02.06&limit=50');
    expect(body.rows.length).toBeGreaterThan(0);
    for (const row of body.rows) expect(row.code.startsWith('15.02.06.')).toBe(true);
  });
});

describe('GET /areas/{code}', () => {
  it('gives a village with its breadcrumb', async () => {
    const { status, body } = await get(`/areas/${KUNGKAI}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: KUNGKAI,
      name: 'Kungkai',
      level: 'village',
      parent_code: '15.02.02',
      region_code: 'JKT',
      children: 0,
      villages: 1,
    });
    expect(body.ancestors.map((a: { code: string; name: string }) => [a.code, a.name])).toEqual([
      ['15', 'Jambi'],
      ['15.02', 'Kabupaten Merangin'],
      ['15.02.02', 'Bangko'],
    ]);
  });

  it('counts the children and villages of a kabupaten', async () => {
    const { body } = await get('/areas/15.02');
    expect(body).toMatchObject({ children: 24, ancestors: [{ code: '15' }] });
    expect(body.villages).toBeGreaterThan(200);
  });

  it('answers an unknown but well-formed code with 404', async () => {
    const { status, body } = await get('/areas/15.99');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'not_found' });
    expect(body.error.message).toContain('15.99');
  });

  it('lets a lead open areas inside its scope only', async () => {
    const lead = bearer(await tokenFor(t.warehouse, 'lead', '15'));
    expect((await get(`/areas/${KUNGKAI}`, lead)).status).toBe(200);
    expect((await get('/areas/15', lead)).status).toBe(200);
    expect((await get('/areas/33', lead)).status).toBe(403);
    // Out of scope is refused before existence is checked: a lead learns nothing outside.
    expect((await get('/areas/33.99', lead)).status).toBe(403);
    expect((await get('/areas?level=regency&parent=15', lead)).status).toBe(200);
    expect((await get('/areas?q=jambi', lead)).status).toBe(403);
  });
});
