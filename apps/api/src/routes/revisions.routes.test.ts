import { scoreReport } from '@pantau/domain';
import { describe, expect, it } from 'vitest';
import { KUNGKAI, PAUH_MENANG, SUNGAI_KAPAS } from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const { get } = read;

// The read fixture stores Kungkai's February report (gov 30) at 2023-05-01T00:00Z; a correction
// (gov 40) replaces it at 2023-05-02T00:00Z.
const BEFORE_CORRECTION = '2023-05-01T12:00:00Z';
const BEFORE_ANY_LOAD = '2023-04-30T00:00:00Z';
const NOW = '2030-01-01T00:00:00Z';
/** Kungkai's February DCI as first reported, scored independently of the warehouse. */
const FIRST_FEBRUARY_DCI = scoreReport({ gov_online_letters_pct: 30 }).dci;

interface Row {
  code: string;
  dci: number | null;
}

describe('as_of on /scores and /timeseries', () => {
  it('gives the scores of the reports as they stood before a late correction', async () => {
    expect(FIRST_FEBRUARY_DCI).toBe(30);
    const query = '/scores?level=district&parent=15.02&period=2023-02';
    const before = await get(`${query}&as_of=${BEFORE_CORRECTION}`);
    const now = await get(query);
    const bangko = (body: { rows: Row[] }) => body.rows.find((r) => r.code === '15.02.02');
    expect(bangko(before.body)).toMatchObject({
      dci: FIRST_FEBRUARY_DCI,
      pillars: { government: FIRST_FEBRUARY_DCI },
      villages_reporting: 1,
    });
    expect(bangko(now.body)).toMatchObject({ dci: 40, villages_reporting: 1 });
    const empty = await get(`${query}&as_of=${BEFORE_ANY_LOAD}`);
    expect(bangko(empty.body)).toMatchObject({ dci: null, villages_reporting: 0 });
  });

  it('equals the pre-aggregates exactly when nothing changed since', async () => {
    for (const level of ['region', 'province', 'regency', 'district', 'village']) {
      const query = `/scores?level=${level}&period=2023-03&limit=10000`;
      const [now, asOf] = await Promise.all([get(query), get(`${query}&as_of=${NOW}`)]);
      const scored = (body: { rows: Row[] }) => body.rows.filter((r) => r.dci !== null);
      expect(scored(asOf.body), level).toEqual(scored(now.body));
    }
  });

  it('gives a series as it stood', async () => {
    const series = `/timeseries?area=${KUNGKAI}&from=2023-02&to=2023-03`;
    const before = await get(`${series}&as_of=${BEFORE_CORRECTION}`);
    expect(before.body.points.map((p: Row) => p.dci)).toEqual([FIRST_FEBRUARY_DCI, 80]);
    const country = await get(`/timeseries?from=2023-02&to=2023-03&as_of=${BEFORE_CORRECTION}`);
    const current = await get('/timeseries?from=2023-02&to=2023-03');
    expect(country.body.points[0]).toMatchObject({ dci: 30, villages_reporting: 1 });
    expect(country.body.points[1]).toEqual(current.body.points[1]);
  });

  it('refuses a timestamp that is not ISO 8601', async () => {
    const { status, body } = await get('/scores?level=province&as_of=yesterday');
    expect(status).toBe(400);
    expect(body.error.details[0]).toMatchObject({ field: 'as_of' });
  });
});

describe('as_of on /distribution and /completeness', () => {
  it('bins the village scores as they stood before a late correction', async () => {
    const query = '/distribution?level=village&parent=15.02&period=2023-02&bins=10';
    const before = await get(`${query}&as_of=${BEFORE_CORRECTION}`);
    const now = await get(query);
    expect(before.status).toBe(200);
    const inBin = (body: { bins: { from: number; count: number }[] }) =>
      body.bins.filter((b) => b.count > 0).map((b) => [b.from, b.count]);
    // Kungkai alone: 30 as first reported (bin 30–40), 40 after the correction (bin 40–50).
    expect(before.body).toMatchObject({
      count: 1,
      mean: FIRST_FEBRUARY_DCI,
      quantiles: { p10: FIRST_FEBRUARY_DCI, p50: FIRST_FEBRUARY_DCI, p90: FIRST_FEBRUARY_DCI },
    });
    expect(inBin(before.body)).toEqual([[30, 1]]);
    expect(now.body).toMatchObject({ count: 1, mean: 40 });
    expect(inBin(now.body)).toEqual([[40, 1]]);
    const empty = await get(`${query}&as_of=${BEFORE_ANY_LOAD}`);
    expect(empty.body).toMatchObject({ count: 0, mean: null, quantiles: null });
  });

  it('gives the same distribution as now when nothing changed since', async () => {
    for (const level of ['province', 'regency', 'district', 'village']) {
      for (const pillar of ['dci', 'mobility']) {
        const query = `/distribution?level=${level}&period=2023-03&pillar=${pillar}&bins=20`;
        const [now, asOf] = await Promise.all([get(query), get(`${query}&as_of=${NOW}`)]);
        expect(asOf.body, `${level} ${pillar}`).toEqual(now.body);
      }
    }
  });

  it('counts the villages that had reported by then', async () => {
    const query = '/completeness?level=village&parent=15.02.02&period=2023-03';
    const empty = await get(`${query}&as_of=${BEFORE_ANY_LOAD}`);
    expect(empty.status).toBe(200);
    const byCode = (body: { rows: { code: string }[] }) =>
      new Map(body.rows.map((r) => [r.code, r]));
    expect(byCode(empty.body).get(KUNGKAI)).toMatchObject({ expected: 1, reported: 0, rate: 0 });
    expect(empty.body.missing.villages.map((v: { code: string }) => v.code)).toEqual([
      KUNGKAI,
      SUNGAI_KAPAS,
    ]);
    const [now, asOf] = await Promise.all([get(query), get(`${query}&as_of=${NOW}`)]);
    expect(asOf.body).toEqual(now.body);
    // February: the first version counts once before the correction, the correction once after.
    const february = '/completeness?level=district&parent=15.02&period=2023-02';
    const [feb, febBefore] = await Promise.all([
      get(february),
      get(`${february}&as_of=${BEFORE_CORRECTION}`),
    ]);
    const bangko = { code: '15.02.02', expected: 2, reported: 1, on_time: 1, rate: 0.5 };
    expect(febBefore.body.rows).toContainEqual(expect.objectContaining(bangko));
    expect(feb.body.rows).toContainEqual(expect.objectContaining(bangko));
    expect(febBefore.body.missing.villages.map((v: { code: string }) => v.code)).toEqual([
      SUNGAI_KAPAS,
      PAUH_MENANG,
    ]);
  });

  it('refuses a timestamp that is not ISO 8601', async () => {
    for (const path of ['/distribution?level=province', '/completeness?level=province']) {
      const { status, body } = await get(`${path}&as_of=2023-05-01`);
      expect(status, path).toBe(400);
      expect(body.error.details[0]).toMatchObject({ field: 'as_of' });
    }
  });
});

describe('GET /revisions', () => {
  it('lists per area what the corrections of a month changed', async () => {
    const { status, body } = await get('/revisions?parent=15.02&period=2023-02');
    expect(status).toBe(200);
    expect(body).toEqual({
      period: '2023-02',
      parent: '15.02',
      reports_replaced: 1,
      rows: [
        {
          code: '15.02.02',
          name: 'Bangko',
          dci_before: 30,
          dci_after: 40,
          reports_replaced: 1,
          villages_revised: 1,
          last_replaced_at: '2023-05-02T00:00:00.000Z',
        },
      ],
    });
    const villages = await get('/revisions?parent=15.02.02&period=2023-02');
    expect(villages.body.rows).toEqual([
      expect.objectContaining({ code: KUNGKAI, name: 'Kungkai' }),
    ]);
  });

  it('lists nothing for a month without corrections', async () => {
    const { body } = await get('/revisions?parent=15&period=2023-03');
    expect(body).toMatchObject({ reports_replaced: 0, rows: [] });
  });
});
