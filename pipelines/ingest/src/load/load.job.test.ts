import { scoreReport } from '@pantau/domain';
import type { Submission } from '@pantau/warehouse';
import { describe, expect, it } from 'vitest';
import { loadJobId, packValidated } from './load.job';

const meta = (source_id: string, line: number) => ({
  submission_id: `${source_id}:${line}`,
  source: 'import' as const,
  source_id,
  line,
  received_at: '2024-01-01T00:00:00.000Z',
});

describe('load jobs', () => {
  it('packs valid rows in catalogue order and keeps rejected rows with their reasons', () => {
    const indicators = { people_rkdd_active: true, gov_online_letters_pct: 37.5 };
    const job = packValidated([
      {
        ...meta('imp-1', 2),
        valid: true,
        report: {
          report_id: 'r-1',
          cadre_id: null,
          village_code: '15.02.02.2004',
          period: '2023-03',
          submitted_at: '2023-03-27T02:15:00.000Z',
          notes: null,
          indicators,
        },
        scores: scoreReport(indicators),
      },
      {
        ...meta('imp-1', 3),
        valid: false,
        errors: [{ field: 'period', value: '2023-3', message: 'malformed' }],
        payload: { period: '2023-3' },
      },
    ]);
    expect(job).toMatchObject({
      source: 'import',
      source_id: 'imp-1',
      rejected: [[3, [{ field: 'period' }], { period: '2023-3' }]],
    });
    const [line, reportId, , village, period, submittedMs, onTime, , values, pillars, dci, stage] =
      job.valid[0]!;
    expect([line, reportId, village, period, submittedMs, onTime]).toEqual([
      2,
      'r-1',
      '15.02.02.2004',
      '2023-03',
      Date.parse('2023-03-27T02:15:00.000Z'),
      true,
    ]);
    expect(values[1]).toBe(true); // people_rkdd_active is the catalogue's second indicator
    expect(values.filter((v) => v !== null)).toEqual([true, 37.5]);
    expect(pillars).toEqual([100, 37.5, null, null, null, null]);
    expect([dci, stage]).toEqual([68.75, 3]);
    expect(JSON.parse(JSON.stringify(job))).toEqual(job);
  });

  it('name a group of validate jobs after the first one and its size', () => {
    expect(loadJobId(['imp-1.0'])).toBe('load.imp-1.0');
    expect(loadJobId(['api-x.0', 'api-y.0', 'api-z.0'])).toBe('load.api-x.0.3');
  });

  it('refuses submissions of more than one source', () => {
    const rejected = (source: string): Submission => ({
      ...meta(source, 1),
      valid: false,
      errors: [],
      payload: null,
    });
    expect(() => packValidated([rejected('a'), rejected('b')])).toThrow(/one source/);
  });
});
