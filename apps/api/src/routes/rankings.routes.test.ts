import { describe, expect, it } from 'vitest';
import {
  JAMBI_MARCH_DCI,
  NATIONAL_MARCH,
  SUNGAI_KAPAS,
  TAMBAKREJA,
  WONOREJO,
  WONOREJO_DCI,
} from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const { get } = read;

describe('GET /rankings', () => {
  it('ranks provinces by DCI with the gap to the national mean', async () => {
    const { status, body } = await get('/rankings?level=province&period=2023-03');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      period: '2023-03',
      level: 'province',
      parent: null,
      pillar: 'dci',
      order: 'desc',
      national_mean: expect.closeTo(NATIONAL_MARCH.dci, 12),
    });
    expect(body.rows).toEqual([
      {
        rank: 1,
        code: '33',
        name: 'Jawa Tengah',
        value: 90,
        gap_to_national: expect.closeTo(90 - NATIONAL_MARCH.dci, 12),
        villages_reporting: 1,
      },
      {
        rank: 2,
        code: '15',
        name: 'Jambi',
        value: JAMBI_MARCH_DCI,
        gap_to_national: expect.closeTo(JAMBI_MARCH_DCI - NATIONAL_MARCH.dci, 12),
        villages_reporting: 4,
      },
      expect.objectContaining({ rank: 3, code: '94', value: WONOREJO_DCI }),
    ]);
  });

  it('ranks villages by a pillar, lowest first, against that pillar’s national mean', async () => {
    const { body } = await get('/rankings?level=village&period=2023-03&pillar=mobility&order=asc');
    expect(body.national_mean).toBeCloseTo(NATIONAL_MARCH.mobility, 12);
    expect(body.rows.map((r: { code: string; rank: number }) => [r.rank, r.code])).toEqual([
      [1, WONOREJO],
      [2, TAMBAKREJA],
      [3, SUNGAI_KAPAS],
    ]);
  });

  it('keeps the true rank when the list is cut short', async () => {
    const { body } = await get('/rankings?level=village&period=2023-03&limit=2');
    expect(body.rows.map((r: { rank: number; value: number }) => [r.rank, r.value])).toEqual([
      [1, 90],
      [2, 80],
    ]);
    const ascending = await get('/rankings?level=village&period=2023-03&order=asc&limit=1');
    expect(ascending.body.rows[0]).toMatchObject({ rank: 1, value: 0 });
  });

  it('ranks within a parent', async () => {
    const { body } = await get('/rankings?level=district&parent=15.02&period=2023-03');
    expect(body.rows.map((r: { code: string; value: number }) => [r.code, r.value])).toEqual([
      ['15.02.02', 70],
      ['15.02.06', 50],
    ]);
  });
});
