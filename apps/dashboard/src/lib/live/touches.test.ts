import { describe, expect, it } from 'vitest';
import { areaTouched, mergeScopes, scopeCodes, touches } from './touches';

const ORIGIN = 'http://pantau.test';
const url = (path: string) => new URL(path, ORIGIN);

const bangkoMarch = { periods: ['2024-03'], districts: ['15.02.02'] };

describe('areaTouched', () => {
  it('touches the district itself, its ancestors and its villages', () => {
    expect(areaTouched('15.02.02', '15.02.02')).toBe(true);
    expect(areaTouched('15.02', '15.02.02')).toBe(true);
    expect(areaTouched('15', '15.02.02')).toBe(true);
    expect(areaTouched('15.02.02.2004', '15.02.02')).toBe(true);
  });

  it('leaves other areas with a similar prefix alone', () => {
    expect(areaTouched('15.02.06', '15.02.02')).toBe(false);
    expect(areaTouched('15.0', '15.02.02')).toBe(false);
    expect(areaTouched('1', '15.02.02')).toBe(false);
    expect(areaTouched('15.02.06.2026', '15.02.02')).toBe(false);
  });

  it('touches the programme region of the district', () => {
    expect(areaTouched('JKT', '15.02.02')).toBe(true);
    expect(areaTouched('MKS', '15.02.02')).toBe(false);
  });
});

describe('scopeCodes', () => {
  it('reads parent, area, areas and the village of a reports path', () => {
    expect(scopeCodes(url('/api/v1/scores?level=regency&parent=15'))).toEqual(['15']);
    expect(scopeCodes(url('/api/v1/compare?areas=15.01,15.02'))).toEqual(['15.01', '15.02']);
    expect(scopeCodes(url('/api/v1/villages/15.02.02.2004/reports'))).toEqual(['15.02.02.2004']);
    expect(scopeCodes(url('/api/v1/timeseries?from=2023-01&to=2024-12'))).toEqual([]);
  });
});

describe('touches', () => {
  it('refreshes national views of the loaded period', () => {
    expect(touches(url('/api/v1/scores?level=province&period=2024-03'), bangkoMarch)).toBe(true);
    expect(touches(url('/api/v1/timeseries?from=2023-01&to=2024-12'), bangkoMarch)).toBe(true);
  });

  it('leaves views of another period alone', () => {
    expect(touches(url('/api/v1/scores?level=province&period=2024-02'), bangkoMarch)).toBe(false);
    expect(touches(url('/api/v1/timeseries?from=2022-01&to=2023-12'), bangkoMarch)).toBe(false);
  });

  it('leaves views of other areas alone', () => {
    expect(
      touches(url('/api/v1/scores?level=district&parent=33&period=2024-03'), bangkoMarch),
    ).toBe(false);
    expect(touches(url('/api/v1/villages/15.02.06.2026/reports'), bangkoMarch)).toBe(false);
    expect(touches(url('/api/v1/villages/15.02.02.2004/reports'), bangkoMarch)).toBe(true);
  });

  it('refreshes a comparison when any of its areas changed', () => {
    expect(touches(url('/api/v1/compare?areas=33.01,15.02&period=2024-03'), bangkoMarch)).toBe(
      true,
    );
  });

  it('treats a request without a period as about the latest month', () => {
    const latest = url('/api/v1/scores?level=province');
    expect(touches(latest, bangkoMarch, '2024-03')).toBe(true);
    expect(touches(latest, bangkoMarch, '2024-04')).toBe(false);
    expect(touches(latest, { ...bangkoMarch, periods: ['2024-05'] }, '2024-04')).toBe(true);
    expect(touches(latest, bangkoMarch, null)).toBe(true);
  });

  it("refreshes the last hour's counts after any load, whatever its period and place", () => {
    expect(touches(url('/api/v1/summary'), bangkoMarch, '2024-12')).toBe(true);
    expect(touches(url('/api/v1/summary?parent=33'), { periods: [], districts: [] })).toBe(true);
  });

  it('never refreshes the hierarchy or pages outside the API', () => {
    expect(touches(url('/api/v1/areas?q=kung'), bangkoMarch)).toBe(false);
    expect(touches(url('/api/v1/areas/15.02'), bangkoMarch)).toBe(false);
    expect(touches(url('/explore/15'), bangkoMarch)).toBe(false);
  });
});

describe('mergeScopes', () => {
  it('unites the periods and districts of a burst of events', () => {
    expect(
      mergeScopes([bangkoMarch, { periods: ['2024-02', '2024-03'], districts: ['33.01.01'] }]),
    ).toEqual({ periods: ['2024-02', '2024-03'], districts: ['15.02.02', '33.01.01'] });
  });
});
