import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openReadFixture,
  PAUH_MENANG,
  SUNGAI_KAPAS,
  SUNGAI_UDANG,
  TAMBAKREJA,
  KUNGKAI,
  WONOREJO,
} from '../testing/read.fixture';
import type { Warehouse } from '../warehouse';
import { getArea, latestPeriod, listAreas } from './areas.queries';
import { getCompleteness, listMissingVillages } from './completeness.queries';
import { getDistribution } from './distribution.queries';
import { getAreaTimeseries, listAreaScores, rankAreas } from './scores.queries';
import { getVillageReports } from './villages.queries';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openReadFixture();
});

afterAll(async () => {
  await warehouse.close();
});

describe('listAreaScores', () => {
  it('averages the reporting villages of each district, areas without reports included', async () => {
    const rows = await listAreaScores(warehouse.db, {
      level: 'district',
      parent: '15.02',
      period: '2023-03',
      limit: 100,
    });
    const bangko = rows.find((r) => r.code === '15.02.02');
    expect(bangko).toMatchObject({
      name: 'Bangko',
      level: 'district',
      dci: 70,
      stage: 3,
      villages_reporting: 2,
      villages_expected: 2,
    });
    expect(bangko?.pillars).toEqual({
      people: 100,
      government: 40,
      economy: null,
      environment: null,
      living: null,
      mobility: 100,
    });
    expect(rows.find((r) => r.code === '15.02.06')).toMatchObject({
      dci: 50,
      villages_reporting: 1,
      villages_expected: 1,
    });
    const quiet = rows.find((r) => r.code === '15.02.01');
    expect(quiet).toMatchObject({ dci: null, stage: null, villages_reporting: 0 });
    expect(rows.length).toBeGreaterThan(20);
  });

  it('averages villages, not districts, at higher levels', async () => {
    const [merangin] = await listAreaScores(warehouse.db, {
      level: 'regency',
      parent: '15',
      period: '2023-03',
      limit: 100,
    }).then((rows) => rows.filter((r) => r.code === '15.02'));
    expect(merangin?.dci).toBeCloseTo((80 + 60 + 50) / 3, 12);
    expect(merangin?.pillars.people).toBeCloseTo(75, 12);
    const provinces = await listAreaScores(warehouse.db, {
      level: 'province',
      parent: 'JKT',
      period: '2023-03',
      limit: 100,
    });
    expect(provinces).toHaveLength(14);
    expect(provinces.find((r) => r.code === '15')?.dci).toBeCloseTo((80 + 60 + 50 + 0) / 4, 12);
    const regions = await listAreaScores(warehouse.db, {
      level: 'region',
      parent: null,
      period: '2023-03',
      limit: 10,
    });
    expect(regions.map((r) => [r.code, r.dci])).toEqual([
      ['JKT', 47.5],
      ['MKS', expect.closeTo(100 / 3, 12)],
      ['SBY', 90],
    ]);
  });

  it('lists villages of a district with their own scores', async () => {
    const rows = await listAreaScores(warehouse.db, {
      level: 'village',
      parent: '15.02.02',
      period: '2023-03',
      limit: 100,
    });
    expect(rows.find((r) => r.code === KUNGKAI)).toMatchObject({
      name: 'Kungkai',
      dci: 80,
      villages_reporting: 1,
      villages_expected: 1,
    });
  });
});

describe('getAreaTimeseries', () => {
  it('gives every month of the range, with gaps where nothing was reported', async () => {
    const series = await getAreaTimeseries(warehouse.db, {
      area: '15.02.02',
      from: '2023-01',
      to: '2023-03',
    });
    expect(series.map((p) => [p.period, p.dci, p.villages_reporting])).toEqual([
      ['2023-01', null, 0],
      ['2023-02', 40, 1],
      ['2023-03', 70, 2],
    ]);
  });

  it('reads the nation and a single village too', async () => {
    const [national] = await getAreaTimeseries(warehouse.db, {
      area: null,
      from: '2023-03',
      to: '2023-03',
    });
    expect(national?.dci).toBeCloseTo((80 + 60 + 50 + 0 + 100 / 3 + 90) / 6, 12);
    expect(national?.villages_reporting).toBe(6);
    const village = await getAreaTimeseries(warehouse.db, {
      area: KUNGKAI,
      from: '2023-02',
      to: '2023-03',
    });
    expect(village.map((p) => p.dci)).toEqual([40, 80]);
  });
});

describe('rankAreas', () => {
  it('ranks provinces by DCI with the gap to the national mean', async () => {
    const national = (80 + 60 + 50 + 0 + 100 / 3 + 90) / 6;
    const result = await rankAreas(warehouse.db, {
      level: 'province',
      parent: null,
      period: '2023-03',
      metric: 'dci',
      order: 'desc',
      limit: 10,
    });
    expect(result.national).toBeCloseTo(national, 12);
    expect(result.rows.map((r) => [r.rank, r.code])).toEqual([
      [1, '33'],
      [2, '15'],
      [3, '94'],
    ]);
    expect(result.rows[0]?.gap_to_national).toBeCloseTo(90 - national, 12);
  });

  it('ranks villages by a pillar, lowest first', async () => {
    const result = await rankAreas(warehouse.db, {
      level: 'village',
      parent: null,
      period: '2023-03',
      metric: 'mobility',
      order: 'asc',
      limit: 10,
    });
    expect(result.rows.map((r) => r.code)).toEqual([WONOREJO, TAMBAKREJA, SUNGAI_KAPAS]);
  });
});

describe('getDistribution', () => {
  it("bins the villages' DCI and gives its quantiles", async () => {
    const d = await getDistribution(warehouse.db, {
      level: 'village',
      parent: null,
      period: '2023-03',
      metric: 'dci',
      bins: 5,
    });
    expect(d.count).toBe(6);
    expect(d.bins.map((b) => b.count)).toEqual([1, 1, 1, 1, 2]); // 0 | 33 | 50 | 60 | 80, 90
    expect(d.bins[4]).toMatchObject({ from: 80, to: 100 });
    expect(d.quantiles?.p50).toBeCloseTo(55, 12); // between 50 and 60
  });
});

describe('getCompleteness', () => {
  it('counts expected villages, those that reported and those on time', async () => {
    const rows = await getCompleteness(warehouse.db, {
      level: 'district',
      parent: '15.02',
      period: '2023-03',
      limit: 100,
    });
    expect(rows.find((r) => r.code === '15.02.02')).toMatchObject({
      expected: 2,
      reported: 2,
      on_time: 1,
      rate: 1,
      on_time_rate: 0.5,
    });
    expect(rows.find((r) => r.code === '15.02.06')).toMatchObject({
      expected: 1,
      reported: 0,
      on_time: 0,
      rate: 0,
    });
    expect(rows.find((r) => r.code === '15.02.01')).toMatchObject({ expected: 0, rate: null });
  });

  it('lists the expected villages that have not reported', async () => {
    expect(
      await listMissingVillages(warehouse.db, { parent: '15', period: '2023-03', limit: 10 }),
    ).toEqual({
      total: 1,
      villages: [
        {
          code: PAUH_MENANG,
          name: 'Pauh Menang',
          district_code: '15.02.06',
          district_name: 'Pamenang',
          cadre_id: 'KD-3',
          cadre_name: 'Rina',
        },
      ],
    });
  });
});

describe('areas', () => {
  it('finds villages by name, prefix matches first', async () => {
    const found = await listAreas(warehouse.db, { q: 'sungai udang', limit: 5 });
    expect(found[0]).toMatchObject({ code: SUNGAI_UDANG, name: 'Sungai Udang', level: 'village' });
    const merangin = await listAreas(warehouse.db, { q: 'merangin', limit: 3 });
    expect(merangin[0]).toMatchObject({
      code: '15.02',
      name: 'Kabupaten Merangin',
      level: 'regency',
    });
  });

  it('gives an area with its breadcrumb and counts', async () => {
    const area = await getArea(warehouse.db, KUNGKAI);
    expect(area?.ancestors.map((a) => a.name)).toEqual(['Jambi', 'Kabupaten Merangin', 'Bangko']);
    const merangin = await getArea(warehouse.db, '15.02');
    expect(merangin).toMatchObject({ children: 24, region_code: 'JKT' });
    expect(merangin?.villages).toBeGreaterThan(200);
    expect(await getArea(warehouse.db, '15.99')).toBeNull();
  });

  it('knows the latest period with data', async () => {
    expect(await latestPeriod(warehouse.db)).toBe('2023-03');
  });
});

describe('getVillageReports', () => {
  it("gives a village's reports with raw values and its submissions' outcomes", async () => {
    const { reports, submissions } = await getVillageReports(warehouse.db, KUNGKAI, 50);
    expect(reports.map((r) => [r.period, r.dci])).toEqual([
      ['2023-03', 80],
      ['2023-02', 40],
    ]);
    expect(reports[0]?.indicators).toEqual({
      gov_online_letters_pct: 60,
      people_rkdd_active: true,
    });
    expect(reports[0]?.pillars.people).toBe(100);
    expect(submissions.map((s) => s.outcome)).toEqual(['imported', 'imported']);
  });
});
