import { describe, expect, it } from 'vitest';
import { KUNGKAI, PAUH_MENANG, SUNGAI_KAPAS } from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const { get } = read;

const PAUH_MENANG_MISSING = {
  code: PAUH_MENANG,
  name: 'Pauh Menang',
  district_code: '15.02.06',
  district_name: 'Pamenang',
  cadre_id: 'KD-3',
  cadre_name: 'Rina',
};

describe('GET /completeness', () => {
  it('counts expected, reported and on-time villages per kecamatan, with the missing ones', async () => {
    const { status, body } = await get('/completeness?level=district&parent=15.02&period=2023-03');
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: '2023-03', level: 'district', parent: '15.02' });
    const byCode = new Map(body.rows.map((r: { code: string }) => [r.code, r]));
    // Bangko: Kungkai on time, Sungai Kapas late (15 April).
    expect(byCode.get('15.02.02')).toEqual({
      code: '15.02.02',
      name: 'Bangko',
      expected: 2,
      reported: 2,
      on_time: 1,
      rate: 1,
      on_time_rate: 0.5,
    });
    // Pamenang: Sungai Udang reported but its cadre is inactive; Pauh Menang is expected.
    expect(byCode.get('15.02.06')).toMatchObject({ expected: 1, reported: 0, rate: 0 });
    expect(byCode.get('15.02.01')).toMatchObject({ expected: 0, reported: 0, rate: null });
    expect(body.missing).toEqual({ total: 1, villages: [PAUH_MENANG_MISSING] });
  });

  it('lists villages with their own completeness at village level', async () => {
    const { body } = await get('/completeness?level=village&parent=15.02.02&period=2023-03');
    const byCode = new Map(body.rows.map((r: { code: string }) => [r.code, r]));
    expect(byCode.get(KUNGKAI)).toMatchObject({ expected: 1, reported: 1, on_time: 1, rate: 1 });
    expect(byCode.get(SUNGAI_KAPAS)).toMatchObject({ expected: 1, reported: 1, on_time: 0 });
    expect(body.missing).toEqual({ total: 0, villages: [] });
  });

  it('gives no missing list for a wide scope', async () => {
    const { body } = await get('/completeness?level=regency&parent=15&period=2023-03');
    expect(body.missing).toBeNull();
    expect(body.rows.find((r: { code: string }) => r.code === '15.02')).toMatchObject({
      expected: 3,
      reported: 2,
      on_time: 1,
      rate: 2 / 3,
    });
    const regions = await get('/completeness?level=region&period=2023-03');
    expect(regions.body.rows).toContainEqual(
      expect.objectContaining({ code: 'JKT', expected: 3, reported: 2, on_time: 1 }),
    );
  });

  it('bounds the missing list and keeps the total', async () => {
    const { body } = await get(
      '/completeness?level=district&parent=15.02&period=2023-02&missing_limit=1',
    );
    // February: only Kungkai reported, so Sungai Kapas and Pauh Menang are missing.
    expect(body.missing.total).toBe(2);
    expect(body.missing.villages).toHaveLength(1);
  });
});
