import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUNGKAI, openReadFixture, SUNGAI_KAPAS } from '../testing/read.fixture';
import type { Warehouse } from '../warehouse';
import { listAreaTimeseries } from './area-trends.queries';
import { getAreaTimeseries } from './scores.queries';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openReadFixture();
});

afterAll(async () => {
  await warehouse.close();
});

describe('listAreaTimeseries', () => {
  it('gives every kabupaten of Jambi every month, with gaps where nothing was reported', async () => {
    const series = await listAreaTimeseries(warehouse.db, {
      level: 'regency',
      parent: '15',
      from: '2023-01',
      to: '2023-03',
    });
    expect(series.size).toBe(11);
    const merangin = series.get('15.02') ?? [];
    expect(merangin.map((p) => [p.period, p.dci, p.villages_reporting])).toEqual([
      ['2023-01', null, 0],
      ['2023-02', 40, 1],
      ['2023-03', (80 + 60 + 50) / 3, 3],
    ]);
    expect(series.get('15.01')?.map((p) => p.dci)).toEqual([null, null, 0]);
    expect(series.get('15.03')?.every((p) => p.dci === null && p.villages_reporting === 0)).toBe(
      true,
    );
  });

  it('agrees with getAreaTimeseries, villages included', async () => {
    const series = await listAreaTimeseries(warehouse.db, {
      level: 'village',
      parent: '15.02.02',
      from: '2023-02',
      to: '2023-03',
    });
    for (const code of [KUNGKAI, SUNGAI_KAPAS]) {
      expect(series.get(code)).toEqual(
        await getAreaTimeseries(warehouse.db, { area: code, from: '2023-02', to: '2023-03' }),
      );
    }
  });
});
