import { scoreReport } from '@pantau/domain';
import { describe, expect, it } from 'vitest';
import { KUNGKAI } from '../testing/read-fixture';
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
