import { describe, expect, it } from 'vitest';
import {
  bearer,
  KUNGKAI,
  MERANGIN_MARCH_DCI,
  NATIONAL_MARCH,
  tokenFor,
  WONOREJO,
  WONOREJO_DCI,
} from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const { get } = read;

describe('GET /compare', () => {
  it('sets kabupaten side by side with rank in their province, gap and trend', async () => {
    const { status, body } = await get('/compare?areas=15.02,15.01,15.03&period=2023-03');
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: '2023-03', from: '2022-04', to: '2023-03' });
    expect(body.national.dci).toBeCloseTo(NATIONAL_MARCH.dci, 12);
    const [merangin, kerinci, sarolangun] = body.areas;
    expect(merangin).toMatchObject({
      code: '15.02',
      name: 'Kabupaten Merangin',
      level: 'regency',
      stage: 3,
      villages_reporting: 3,
      rank: { parent: '15', position: 1, of: 2 },
    });
    expect(merangin.dci).toBeCloseTo(MERANGIN_MARCH_DCI, 12);
    expect(merangin.gap_to_national.dci).toBeCloseTo(MERANGIN_MARCH_DCI - NATIONAL_MARCH.dci, 12);
    expect(merangin.gap_to_national.pillars.people).toBeCloseTo(75 - NATIONAL_MARCH.people, 12);
    expect(merangin.gap_to_national.pillars.economy).toBeNull();
    expect(merangin.trend).toHaveLength(12);
    expect(merangin.trend[10]).toMatchObject({ period: '2023-02', dci: 40, villages_reporting: 1 });
    expect(kerinci).toMatchObject({ dci: 0, rank: { position: 2, of: 2 } });
    // Sarolangun has no report: no rank, but the count of ranked siblings still shows.
    expect(sarolangun).toMatchObject({
      dci: null,
      stage: null,
      villages_reporting: 0,
      rank: { parent: '15', position: null, of: 2 },
      gap_to_national: { dci: null },
    });
  });

  it('compares areas of different levels, each ranked among its own siblings', async () => {
    const { body } = await get(
      `/compare?areas=${KUNGKAI},${WONOREJO},33&period=2023-03&from=2023-02&to=2023-03`,
    );
    const [kungkai, wonorejo, jateng] = body.areas;
    expect(kungkai).toMatchObject({ dci: 80, rank: { parent: '15.02.02', position: 1, of: 2 } });
    expect(kungkai.trend.map((p: { dci: number }) => p.dci)).toEqual([40, 80]);
    expect(wonorejo.dci).toBeCloseTo(WONOREJO_DCI, 12);
    expect(wonorejo.rank).toEqual({ parent: '94.01.01', position: 1, of: 1 });
    expect(jateng).toMatchObject({ dci: 90, rank: { parent: null, position: 1, of: 3 } });
  });

  it('refuses one area, seven areas, a repeated area and an unknown one', async () => {
    const one = await get('/compare?areas=15.02');
    expect(one.status).toBe(400);
    expect(one.body.error.details[0].field).toBe('areas');
    expect((await get('/compare?areas=11,12,13,14,15,16,17')).status).toBe(400);
    expect((await get('/compare?areas=15,15')).status).toBe(400);
    expect((await get('/compare?areas=15,nope')).status).toBe(400);
    const unknown = await get('/compare?areas=15,15.99');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('15.99');
  });

  it('compares every kabupaten of a province in one request', async () => {
    const { status, body } = await get('/compare?level=regency&parent=15&period=2023-03');
    expect(status).toBe(200);
    expect(body).toMatchObject({ level: 'regency', parent: '15', period: '2023-03' });
    expect(body.national.dci).toBeCloseTo(NATIONAL_MARCH.dci, 12);
    // Jambi's eleven kabupaten/kota in code order, the same numbers as a list of them gives.
    expect(body.areas).toHaveLength(11);
    const listed = await get('/compare?areas=15.01,15.02,15.03&period=2023-03');
    expect(body.areas.slice(0, 3)).toEqual(listed.body.areas);
    expect(body.areas.at(-1)).toMatchObject({
      code: '15.72',
      name: 'Kota Sungai Penuh',
      dci: null,
      rank: { parent: '15', position: null, of: 2 },
      trend: expect.arrayContaining([expect.objectContaining({ dci: null })]),
    });
  });

  it('compares the villages of a kecamatan, and the provinces of the country', async () => {
    const bangko = await get('/compare?level=village&parent=15.02.02&period=2023-03');
    expect(bangko.body.areas.find((a: { code: string }) => a.code === KUNGKAI)).toMatchObject({
      dci: 80,
      stage: 4,
      rank: { parent: '15.02.02', position: 1, of: 2 },
    });
    const provinces = await get('/compare?level=province&period=2023-03');
    expect(provinces.body.areas).toHaveLength(38);
    expect(provinces.body.areas.find((a: { code: string }) => a.code === '33')).toMatchObject({
      dci: 90,
      rank: { parent: null, position: 1, of: 3 },
    });
  });

  it('refuses a level and parent naming more than 60 areas, and both modes at once', async () => {
    const wide = await get('/compare?level=district&parent=15');
    expect(wide.status).toBe(400);
    expect(wide.body.error.details[0]).toMatchObject({ field: 'level' });
    expect(wide.body.error.message).toMatch(/at most 60/);
    expect((await get('/compare?level=regency')).status).toBe(400);
    const both = await get('/compare?areas=15.01,15.02&level=regency&parent=15');
    expect(both.status).toBe(400);
    expect(both.body.error.details[0].field).toBe('areas');
    expect((await get('/compare?level=district&parent=15.99')).status).toBe(404);
  });

  it('lets a lead compare areas inside its scope only', async () => {
    const lead = bearer(await tokenFor(read.t.warehouse, 'lead', '15'));
    expect((await get('/compare?areas=15.02,15.01', lead)).status).toBe(200);
    expect((await get('/compare?areas=15.02,33', lead)).status).toBe(403);
    expect((await get('/compare?level=regency&parent=15', lead)).status).toBe(200);
    expect((await get('/compare?level=province', lead)).status).toBe(403);
    expect((await get('/compare?level=regency&parent=33', lead)).status).toBe(403);
  });
});
