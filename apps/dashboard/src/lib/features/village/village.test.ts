import { describe, expect, it } from 'vitest';
import type { SubmissionRecord, VillageReport } from '$lib/api/endpoints';
import { cadreIds, indicatorRows, lineageRows, regionName, reportFor } from './village';

const pillars = {
  people: 100,
  government: 60,
  economy: null,
  environment: null,
  living: null,
  mobility: null,
};

function report(
  period: string,
  submission_id: string,
  indicators: VillageReport['indicators'],
): VillageReport {
  return {
    period,
    report_id: `r-${period}`,
    cadre_id: 'KD-15.02.02.2004',
    submission_id,
    outcome: 'imported',
    submitted_at: `${period}-27T02:00:00.000Z`,
    first_submitted_at: `${period}-27T02:00:00.000Z`,
    on_time: true,
    received_at: `${period}-27T02:01:00.000Z`,
    loaded_at: `${period}-27T02:01:01.000Z`,
    notes: null,
    dci: 80,
    stage: 4,
    pillars,
    indicators,
  };
}

function submission(
  id: string,
  received_at: string,
  outcome: SubmissionRecord['outcome'],
  extra: Partial<SubmissionRecord> = {},
): SubmissionRecord {
  return {
    submission_id: id,
    source: 'import',
    source_id: id.split(':')[0]!,
    line: Number(id.split(':')[1]),
    report_id: null,
    village_code: '15.02.02.2004',
    period: '2024-03',
    submitted_at: null,
    received_at,
    loaded_at: received_at,
    outcome,
    reason: null,
    errors: null,
    ...extra,
  };
}

describe('indicatorRows', () => {
  it('lists the whole catalogue with raw values and their scores', () => {
    const rows = indicatorRows(
      report('2024-03', 's:2', { people_digital_literacy_pct: 12.5, people_rkdd_active: true }),
    );
    expect(rows).toHaveLength(24);
    expect(rows[0]).toMatchObject({
      code: 'people_digital_literacy_pct',
      raw: 12.5,
      score: 50,
      unit: 'percent',
    });
    expect(rows[1]).toMatchObject({ raw: true, score: 100 });
    expect(rows.find((r) => r.code === 'mob_signal_level')).toMatchObject({
      raw: null,
      score: null,
    });
  });

  it('scores rupiah on the log rule', () => {
    const rows = indicatorRows(report('2024-03', 's:2', { econ_online_sales_idr: 50_000_000 }));
    expect(rows.find((r) => r.code === 'econ_online_sales_idr')?.score).toBeCloseTo(100, 10);
  });
});

describe('reportFor', () => {
  const reports = [report('2024-03', 'a:2', {}), report('2024-02', 'a:1', {})];

  it('picks the asked period, or the latest when the village has none for it', () => {
    expect(reportFor(reports, '2024-02')?.period).toBe('2024-02');
    expect(reportFor(reports, '2023-01')?.period).toBe('2024-03');
    expect(reportFor([], null)).toBeNull();
  });
});

describe('lineageRows', () => {
  it('lists submissions newest first, marks the stored one and explains rejections', () => {
    const rows = lineageRows({
      reports: [report('2024-03', 'imp:3', {})],
      submissions: [
        submission('imp:3', '2024-03-27T02:00:00.000Z', 'imported'),
        submission('imp:9', '2024-03-28T02:00:00.000Z', 'rejected', {
          errors: [{ field: 'period', value: '2024-13', message: 'a period YYYY-MM' }],
        }),
        submission('api:1', '2024-03-26T02:00:00.000Z', 'ignored', {
          reason: 'report_id already stored',
        }),
      ],
    });
    expect(rows.map((r) => r.submission_id)).toEqual(['imp:9', 'imp:3', 'api:1']);
    expect(rows[0]?.reasons).toEqual(['period ("2024-13"): a period YYYY-MM']);
    expect(rows[1]?.current).toBe(true);
    expect(rows[2]?.reasons).toEqual(['report_id already stored']);
  });
});

describe('cadreIds', () => {
  it('lists each cadre once, newest first', () => {
    expect(cadreIds([report('2024-03', 'a:2', {}), report('2024-02', 'a:1', {})])).toEqual([
      'KD-15.02.02.2004',
    ]);
  });
});

describe('regionName', () => {
  it("names a cadre's programme region, keeping an unknown code as given", () => {
    expect(regionName('JKT')).toBe('Region Jakarta');
    expect(regionName('MKS')).toBe('Region Makassar');
    expect(regionName('XYZ')).toBe('XYZ');
    expect(regionName(null)).toBeNull();
  });
});
