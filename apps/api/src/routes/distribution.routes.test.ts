import { describe, expect, it } from 'vitest';
import { NATIONAL_MARCH } from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const { get } = read;

describe('GET /distribution', () => {
  it("bins the villages' DCI and gives its quantiles", async () => {
    const { status, body } = await get('/distribution?level=village&period=2023-03&bins=5');
    expect(status).toBe(200);
    expect(body).toMatchObject({ level: 'village', parent: null, pillar: 'dci', count: 6 });
    expect(body.mean).toBeCloseTo(NATIONAL_MARCH.dci, 12);
    // DCIs 0 | 33.3 | 50 | 60 | 80, 90; linear interpolation between the sorted values.
    expect(body.bins).toEqual([
      { from: 0, to: 20, count: 1 },
      { from: 20, to: 40, count: 1 },
      { from: 40, to: 60, count: 1 },
      { from: 60, to: 80, count: 1 },
      { from: 80, to: 100, count: 2 },
    ]);
    expect(body.quantiles.p50).toBeCloseTo(55, 12);
    expect(body.quantiles.p10).toBeCloseTo(0 + 0.5 * (100 / 3), 12);
    expect(body.quantiles.p90).toBeCloseTo(85, 12);
  });

  it('distributes a pillar within a parent', async () => {
    const { body } = await get(
      '/distribution?level=village&parent=15&period=2023-03&pillar=government',
    );
    expect(body.count).toBe(2); // Kungkai 60, Sungai Kapas 20
    expect(body.mean).toBe(40);
    expect(body.bins).toHaveLength(10);
  });

  it('gives null quantiles where nothing was reported', async () => {
    const { body } = await get('/distribution?level=district&parent=11&period=2023-03');
    expect(body).toMatchObject({ count: 0, mean: null, quantiles: null });
  });
});
