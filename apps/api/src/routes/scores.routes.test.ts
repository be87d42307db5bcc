import { describe, expect, it } from 'vitest';
import {
  bearer,
  JAMBI_MARCH_DCI,
  KUNGKAI,
  MARCH,
  MERANGIN_MARCH_DCI,
  tokenFor,
  WONOREJO_DCI,
} from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();

const { get } = read;

describe('GET /scores', () => {
  it('gives every district of a kabupaten, those without reports as nulls', async () => {
    const { status, body } = await get('/scores?level=district&parent=15.02&period=2023-03');
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: MARCH, level: 'district', parent: '15.02', total: 24 });
    expect(body.rows).toHaveLength(24);
    expect(body.rows.find((r: { code: string }) => r.code === '15.02.02')).toEqual({
      code: '15.02.02',
      name: 'Bangko',
      level: 'district',
      dci: 70,
      stage: 3,
      pillars: {
        people: 100,
        government: 40,
        economy: null,
        environment: null,
        living: null,
        mobility: 100,
      },
      villages_reporting: 2,
      villages_expected: 2,
    });
    expect(body.rows.find((r: { code: string }) => r.code === '15.02.06')).toMatchObject({
      dci: 50,
      stage: 2,
      villages_reporting: 1,
      villages_expected: 1,
    });
    expect(body.rows.find((r: { code: string }) => r.code === '15.02.01')).toMatchObject({
      dci: null,
      stage: null,
      villages_reporting: 0,
      villages_expected: 0,
    });
  });

  it('averages villages, not sub-areas, and returns full precision', async () => {
    const { body } = await get('/scores?level=regency&parent=15&period=2023-03');
    const merangin = body.rows.find((r: { code: string }) => r.code === '15.02');
    expect(merangin.dci).toBeCloseTo(MERANGIN_MARCH_DCI, 12);
    expect(merangin.stage).toBe(3);
    const provinces = await get('/scores?level=province&period=2023-03');
    expect(provinces.body.total).toBe(38);
    expect(provinces.body.parent).toBeNull();
    const dci = Object.fromEntries(
      provinces.body.rows.map((r: { code: string; dci: number | null }) => [r.code, r.dci]),
    );
    expect(dci).toMatchObject({ '15': JAMBI_MARCH_DCI, '33': 90, '94': WONOREJO_DCI, '11': null });
  });

  it('uses the latest period with data when none is asked for, and says so', async () => {
    const { body } = await get('/scores?level=village&parent=15.02.02');
    expect(body.period).toBe(MARCH);
    expect(body.rows.find((r: { code: string }) => r.code === KUNGKAI)).toMatchObject({
      dci: 80,
      stage: 4,
      villages_reporting: 1,
      villages_expected: 1,
    });
  });

  it('groups provinces into programme regions', async () => {
    const { body } = await get('/scores?level=region&period=2023-03');
    expect(body.rows.map((r: { code: string; dci: number }) => [r.code, r.dci])).toEqual([
      ['JKT', JAMBI_MARCH_DCI],
      ['MKS', WONOREJO_DCI],
      ['SBY', 90],
    ]);
    expect(body.rows[0].villages_expected).toBe(3);
  });

  it('bounds the rows by limit and still gives the total', async () => {
    const { body } = await get('/scores?level=village&parent=15.02&period=2023-03&limit=5');
    expect(body.rows).toHaveLength(5);
    expect(body.total).toBeGreaterThan(200);
  });

  it('lets an analyst read, and a lead only inside its scope', async () => {
    const analyst = bearer(await tokenFor(read.t.warehouse, 'analyst'));
    expect((await get('/scores?level=province', analyst)).status).toBe(200);
    const lead = bearer(await tokenFor(read.t.warehouse, 'lead', '15.02'));
    expect((await get('/scores?level=district&parent=15.02', lead)).status).toBe(200);
    expect((await get('/scores?level=village&parent=15.02.02', lead)).status).toBe(200);
    const outside = await get('/scores?level=district&parent=15.01', lead);
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('forbidden');
    expect((await get('/scores?level=regency&parent=15', lead)).status).toBe(403);
    expect((await get('/scores?level=province', lead)).status).toBe(403);
  });
});
