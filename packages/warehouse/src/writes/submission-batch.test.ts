import { scoreReport } from '@pantau/domain';
import { describe, expect, it } from 'vitest';
import { packSubmissions, submissionIds, type Submission } from './submission-batch';

const meta = (source_id: string, line: number) => ({
  submission_id: `${source_id}:${line}`,
  source: 'import' as const,
  source_id,
  line,
  received_at: '2024-01-01T00:00:00.000Z',
});

describe('packSubmissions', () => {
  it('packs valid rows in catalogue order and keeps rejected rows with their reasons', () => {
    const indicators = { people_rkdd_active: true, gov_online_letters_pct: 37.5 };
    const [batch, ...others] = packSubmissions([
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
    expect(others).toEqual([]);
    expect(batch).toMatchObject({
      source: 'import',
      source_id: 'imp-1',
      rejected: [[3, [{ field: 'period' }], { period: '2023-3' }]],
    });
    const [line, reportId, , village, period, submittedMs, onTime, , values, pillars, dci, stage] =
      batch!.valid[0]!;
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
    expect(JSON.parse(JSON.stringify(batch))).toEqual(batch);
    expect(submissionIds(batch!)).toEqual(['imp-1:2', 'imp-1:3']);
  });

  it('makes one batch per source, in order of first appearance', () => {
    const rejected = (source: string, line: number): Submission => ({
      ...meta(source, line),
      valid: false,
      errors: [],
      payload: null,
    });
    const batches = packSubmissions([rejected('b', 1), rejected('a', 1), rejected('b', 2)]);
    expect(batches.map((b) => [b.source_id, b.rejected.length])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
  });
});
