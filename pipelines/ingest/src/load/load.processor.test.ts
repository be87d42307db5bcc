import { scoreReport, type IndicatorValue } from '@pantau/domain';
import {
  openWarehouse,
  packSubmissions,
  type AggregateRefresh,
  type Submission,
  type Warehouse,
} from '@pantau/warehouse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commitSubmissions, refreshedEvent } from './load.processor';

const KUNGKAI = '15.02.02.2004';
const LETTERS = 'gov_online_letters_pct';
const INTERNET = 'mob_household_internet_pct';
/** Nine villages of Muara Siau kecamatan (15.02.03). */
const MUARA_SIAU = ['2004', '2007', '2008', '2009', '2010', '2011', '2012', '2013', '2015'].map(
  (n) => `15.02.03.${n}`,
);

let warehouse: Warehouse;

beforeEach(async () => {
  warehouse = await openWarehouse({ dataDir: null });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await warehouse.close();
});

function submissions(
  source_id: string,
  submittedAt: string,
  reports: [village: string, period: string, indicators: Record<string, IndicatorValue>][],
  source: Submission['source'] = 'import',
): Submission[] {
  return reports.map(([village_code, period, indicators], i) => ({
    submission_id: `${source_id}:${i + 2}`,
    source,
    source_id,
    line: i + 2,
    received_at: '2023-12-01T00:00:00.000Z',
    valid: true,
    report: {
      report_id: `${source_id}-${village_code}-${period}`,
      cadre_id: null,
      village_code,
      period,
      submitted_at: submittedAt,
      notes: null,
      indicators,
    },
    scores: scoreReport(indicators),
  }));
}

async function flags() {
  return warehouse.db
    .selectFrom('quality_flags')
    .select(['village_code', 'period', 'method', 'baseline'])
    .orderBy('village_code')
    .orderBy('period')
    .execute();
}

describe('the loader’s commit', () => {
  it('recomputes the flags a late correction changes: later months and its kecamatan', async () => {
    const history = [10, 10, 10, 10, 12, 12, 30].map(
      (value, i): [string, string, Record<string, IndicatorValue>] => [
        KUNGKAI,
        `2023-0${i + 1}`,
        { [LETTERS]: value },
      ],
    );
    const peers = [20, 22, 24, 26, 28, 30, 32, 34, 90].map(
      (value, i): [string, string, Record<string, IndicatorValue>] => [
        MUARA_SIAU[i]!,
        '2023-03',
        { [INTERNET]: value },
      ],
    );
    const first = await commitSubmissions(
      warehouse,
      packSubmissions(submissions('history', '2023-08-01T00:00:00Z', [...history, ...peers])),
    );
    // July's baseline (10, 10, 10, 10, 12, 12) has MAD 0: only the peer outlier is flagged.
    expect(await flags()).toEqual([
      { village_code: MUARA_SIAU[8], period: '2023-03', method: 'peer', baseline: 27 },
    ]);
    expect(first.event.new_flags).toEqual({ total: 1, history: 0, peer: 1, stuck: 0 });
    expect(first.event.district_flags).toEqual({
      '15.02.03': { total: 1, history: 0, peer: 1, stuck: 0 },
    });

    // Months later, January is corrected to 12 and one peer's 28 to 80.
    const { event } = await commitSubmissions(
      warehouse,
      packSubmissions(
        submissions('late', '2023-11-01T00:00:00Z', [
          [KUNGKAI, '2023-01', { [LETTERS]: 12 }],
          [MUARA_SIAU[4]!, '2023-03', { [INTERNET]: 80 }],
        ]),
      ),
    );
    expect(event.counts.updated).toBe(2);
    expect(await flags()).toEqual([
      { village_code: KUNGKAI, period: '2023-07', method: 'history', baseline: 11 },
      { village_code: MUARA_SIAU[4], period: '2023-03', method: 'peer', baseline: 28 },
      { village_code: MUARA_SIAU[8], period: '2023-03', method: 'peer', baseline: 28 },
    ]);
    // New: July's history flag and the corrected peer's; the first outlier was found again.
    expect(event.new_flags).toEqual({ total: 2, history: 1, peer: 1, stuck: 0 });
    expect(event.district_flags).toEqual({
      '15.02.02': { total: 1, history: 1, peer: 0, stuck: 0 },
      '15.02.03': { total: 1, history: 0, peer: 1, stuck: 0 },
    });
  });

  it('reports no new flags for a load that raises none', async () => {
    const { event } = await commitSubmissions(
      warehouse,
      packSubmissions(
        submissions('calm', '2023-02-01T00:00:00Z', [[KUNGKAI, '2023-01', { [LETTERS]: 10 }]]),
      ),
    );
    expect(event.counts.imported).toBe(1);
    expect(event.new_flags).toEqual({ total: 0, history: 0, peer: 0, stuck: 0 });
    expect(event.district_flags).toEqual({});
  });

  it('counts outcomes by kecamatan and each submission’s wait until the commit', async () => {
    const received = (at: string, list: Submission[]) =>
      list.map((s) => ({ ...s, received_at: at }));
    const batches = packSubmissions([
      // Received 10 s before the commit: two submissions, one of them a repeat, ignored.
      ...received(
        '2023-12-01T00:00:50.000Z',
        submissions('early', '2023-02-01T00:00:00Z', [
          [KUNGKAI, '2023-01', { [LETTERS]: 10 }],
          [KUNGKAI, '2023-01', { [LETTERS]: 11 }],
        ]),
      ),
      // Received 4 s before: two submissions.
      ...received(
        '2023-12-01T00:00:56.000Z',
        submissions('late', '2023-02-01T00:00:00Z', [
          [MUARA_SIAU[0]!, '2023-01', { [INTERNET]: 20 }],
          [MUARA_SIAU[1]!, '2023-01', { [INTERNET]: 22 }],
        ]),
      ),
    ]);
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2023-12-01T00:01:00.000Z'));
    const { event, latencies } = await commitSubmissions(warehouse, batches);
    expect(event.district_counts).toEqual({
      '15.02.02': { imported: 1, updated: 0, ignored: 1, rejected: 0 },
      '15.02.03': { imported: 2, updated: 0, ignored: 0, rejected: 0 },
    });
    expect(latencies).toEqual([
      { ms: 10_000, submissions: 2 },
      { ms: 4_000, submissions: 2 },
    ]);
    // Four submissions: 4, 4, 10, 10 s.
    expect(event.latency_ms).toEqual({ min: 4_000, p50: 7_000, max: 10_000 });
  });

  it('leaves a live load’s aggregates and flags to the refresh after it, which announces them', async () => {
    const refreshes: AggregateRefresh[] = [];
    warehouse.onAggregatesRefreshed((refresh) => refreshes.push(refresh));
    const peers = [20, 22, 24, 26, 28, 30, 32, 34, 90].map(
      (value, i): [string, string, Record<string, IndicatorValue>] => [
        MUARA_SIAU[i]!,
        '2023-03',
        { [INTERNET]: value },
      ],
    );
    const { event } = await commitSubmissions(
      warehouse,
      packSubmissions(submissions('api-1', '2023-04-01T00:00:00Z', peers, 'api')),
    );
    expect(event.counts.imported).toBe(9);
    expect(event.districts).toEqual(['15.02.03']);
    expect(event.new_flags).toEqual({ total: 0, history: 0, peer: 0, stuck: 0 });

    // The read waits for the refresh; the refresh's event carries what one transaction's would.
    expect(await flags()).toEqual([
      { village_code: MUARA_SIAU[8], period: '2023-03', method: 'peer', baseline: 27 },
    ]);
    expect(refreshes).toHaveLength(1);
    expect(refreshedEvent(refreshes[0]!)).toMatchObject({
      counts: { imported: 0, updated: 0, ignored: 0, rejected: 0 },
      district_counts: {},
      sources: [],
      periods: ['2023-03'],
      districts: ['15.02.03'],
      new_flags: { total: 1, history: 0, peer: 1, stuck: 0 },
      district_flags: { '15.02.03': { total: 1, history: 0, peer: 1, stuck: 0 } },
    });
  });
});
