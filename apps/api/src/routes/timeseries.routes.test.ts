import { describe, expect, it } from 'vitest';
import { KUNGKAI, NATIONAL_MARCH } from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const { get } = read;

describe('GET /timeseries', () => {
  it('gives every month of the range for a kecamatan, gaps included', async () => {
    const { status, body } = await get('/timeseries?area=15.02.02&from=2023-01&to=2023-04');
    expect(status).toBe(200);
    expect(body).toMatchObject({ area: '15.02.02', from: '2023-01', to: '2023-04' });
    expect(
      body.points.map((p: { period: string; dci: number | null; villages_reporting: number }) => [
        p.period,
        p.dci,
        p.villages_reporting,
      ]),
    ).toEqual([
      ['2023-01', null, 0],
      ['2023-02', 40, 1],
      ['2023-03', 70, 2],
      ['2023-04', null, 0],
    ]);
    expect(body.points[2].pillars).toMatchObject({ people: 100, government: 40, mobility: 100 });
  });

  it('defaults to the twelve months up to the latest period, for the whole country', async () => {
    const { body } = await get('/timeseries');
    expect(body).toMatchObject({ area: null, from: '2022-04', to: '2023-03' });
    expect(body.points).toHaveLength(12);
    expect(body.points[11].dci).toBeCloseTo(NATIONAL_MARCH.dci, 12);
    expect(body.points[11].villages_reporting).toBe(6);
  });

  it("follows a single village's own reports", async () => {
    const { body } = await get(`/timeseries?area=${KUNGKAI}&from=2023-02&to=2023-03`);
    expect(body.points.map((p: { dci: number }) => p.dci)).toEqual([40, 80]);
  });

  it('refuses a from after the default to', async () => {
    const { status, body } = await get('/timeseries?from=2023-06');
    expect(status).toBe(400);
    expect(body.error.message).toContain('"from"');
  });
});
