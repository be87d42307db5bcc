import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIR_LAGO, APRIL, DURIAN_RAMBUN, loadQualityFixture } from '../testing/quality-fixture';
import { bearer, bodyOf, getJson, tokenFor } from '../testing/read-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

let closed: TestApp;
let open: TestApp;
const tokens: Record<'analyst' | 'lead' | 'leadOutside', string> = {
  analyst: '',
  lead: '',
  leadOutside: '',
};

beforeAll(async () => {
  [closed, open] = await Promise.all([createTestApp(), createTestApp({ publicRead: true })]);
  await Promise.all([loadQualityFixture(closed.warehouse), loadQualityFixture(open.warehouse)]);
  tokens.analyst = await tokenFor(closed.warehouse, 'analyst');
  tokens.lead = await tokenFor(closed.warehouse, 'lead', '15.02');
  tokens.leadOutside = await tokenFor(closed.warehouse, 'lead', '33');
});

afterAll(async () => {
  await Promise.all([closed.close(), open.close()]);
});

const get = (path: string, token = tokens.analyst) => getJson(closed.app, path, bearer(token));

async function followUp(id: number, body: unknown, token = tokens.analyst) {
  const res = await closed.app.request(`/api/v1/quality/flags/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await bodyOf(res) };
}

async function flagId(method: 'peer' | 'stuck'): Promise<number> {
  const { body } = await get(`/quality/flags?parent=15.02.03&period=${APRIL}&method=${method}`);
  return body.rows[0].id;
}

describe('GET /quality/flags', () => {
  it('lists the flags of the villages inside an area, strongest first', async () => {
    const { status, body } = await get(`/quality/flags?parent=15.02&period=${APRIL}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: APRIL, parent: '15.02', total: 2 });
    expect(body.rows).toEqual([
      {
        id: expect.any(Number),
        village_code: AIR_LAGO,
        village_name: 'Air Lago',
        period: APRIL,
        indicator: 'mob_household_internet_pct',
        method: 'peer',
        value: 90,
        baseline: 27,
        score: expect.closeTo((0.6745 * 63) / 4, 9),
        status: 'open',
        comment: null,
        updated_by: null,
        updated_at: null,
      },
      expect.objectContaining({
        village_code: DURIAN_RAMBUN,
        indicator: 'econ_umkm_online_pct',
        method: 'stuck',
        value: 42,
        baseline: 42,
        score: 6,
      }),
    ]);
  });

  it('filters by method, indicator and status, and pages with the total kept', async () => {
    const base = `/quality/flags?parent=${DURIAN_RAMBUN}&period=${APRIL}`;
    expect((await get(`${base}&method=peer`)).body).toMatchObject({ total: 0, rows: [] });
    const stuck = await get(`${base}&indicator=econ_umkm_online_pct&status=open`);
    expect(stuck.body.rows).toHaveLength(1);
    const page = await get(`/quality/flags?parent=15&period=${APRIL}&limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 2, rows: [{ method: 'stuck' }] });
  });

  it('refuses a limit above 1,000 and a lead outside its scope', async () => {
    expect((await get(`/quality/flags?limit=1001`)).status).toBe(400);
    expect((await get(`/quality/flags?parent=15.02`, tokens.leadOutside)).status).toBe(403);
  });
});

describe('GET /quality/summary', () => {
  it('counts reports, flagged reports and flags by method per area', async () => {
    const { body } = await get(`/quality/summary?level=district&parent=15.02&period=${APRIL}`);
    expect(body.rows.find((r: { code: string }) => r.code === '15.02.03')).toEqual({
      code: '15.02.03',
      name: 'Muara Siau',
      reports: 9,
      flagged_reports: 2,
      flags: { history: 0, peer: 1, stuck: 1 },
      flag_rate: 2 / 9,
    });
    expect(body.rows.find((r: { code: string }) => r.code === '15.02.02')).toMatchObject({
      reports: 0,
      flag_rate: null,
    });
  });
});

describe('GET /quality/indicators', () => {
  it('gives per indicator the share of reports that filled it, over the parent and per area', async () => {
    const { body } = await get(`/quality/indicators?level=village&parent=15.02.03&period=${APRIL}`);
    expect(body.reports).toBe(9);
    const overall = new Map(body.indicators.map((i: { indicator: string }) => [i.indicator, i]));
    expect(overall.get('mob_household_internet_pct')).toEqual({
      indicator: 'mob_household_internet_pct',
      filled: 9,
      share: 1,
    });
    expect(overall.get('econ_umkm_online_pct')).toMatchObject({ filled: 1, share: 1 / 9 });
    expect(overall.get('gov_online_letters_pct')).toMatchObject({ filled: 0, share: 0 });
    const durian = body.rows.find((r: { code: string }) => r.code === DURIAN_RAMBUN);
    expect(durian.reports).toBe(1);
    expect(durian.indicators).toContainEqual({
      indicator: 'econ_umkm_online_pct',
      filled: 1,
      share: 1,
    });
  });
});

describe('PATCH /quality/flags/{id}', () => {
  it('records an analyst’s follow-up on the flag and in the audit trail', async () => {
    const id = await flagId('peer');
    const { status, body } = await followUp(id, {
      status: 'confirmed',
      comment: 'Cadre typed 90 for 19',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      status: 'confirmed',
      comment: 'Cadre typed 90 for 19',
      updated_by: 'test analyst',
      updated_at: expect.any(String),
    });
    const listed = await get(`/quality/flags?parent=15.02.03&period=${APRIL}&status=confirmed`);
    expect(listed.body.rows).toEqual([body]);

    const audit = await closed.app.request('/api/v1/audit?action=flag.followed_up', {
      headers: { authorization: 'Bearer test-admin-token-0123456789' },
    });
    const [entry] = (await bodyOf(audit)).rows;
    expect(entry).toMatchObject({
      action: 'flag.followed_up',
      target: String(id),
      actor: { name: 'test analyst', role: 'analyst' },
      details: { village_code: AIR_LAGO, status: 'confirmed', comment: 'Cadre typed 90 for 19' },
    });
  });

  it('lets a lead follow up inside its scope only', async () => {
    const id = await flagId('stuck');
    expect((await followUp(id, { status: 'false_alarm' }, tokens.lead)).body).toMatchObject({
      status: 'false_alarm',
      comment: null,
      updated_by: 'test lead 15.02',
    });
    expect((await followUp(id, { status: 'open' }, tokens.leadOutside)).status).toBe(403);
  });

  it('answers 404 for no such flag and 400 for a bad status', async () => {
    expect((await followUp(999_999, { status: 'confirmed' })).status).toBe(404);
    const bad = await followUp(await flagId('peer'), { status: 'fixed' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'status' });
  });

  it('hides who followed up, and what they wrote, from anonymous readers', async () => {
    const { body } = await getJson(open.app, `/quality/flags?parent=15.02.03&period=${APRIL}`);
    const id = body.rows[0].id;
    await open.warehouse.write(({ db }) =>
      db
        .updateTable('quality_flags')
        .set({ status: 'confirmed', comment: 'seen', updated_by: 'Ani' })
        .where('id', '=', id)
        .execute(),
    );
    const seen = await getJson(open.app, `/quality/flags?parent=15.02.03&period=${APRIL}`);
    expect(seen.body.rows[0]).toMatchObject({
      status: 'confirmed',
      comment: null,
      updated_by: null,
    });
  });
});
