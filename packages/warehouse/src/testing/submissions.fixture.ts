// Builders for submissions in warehouse tests.
import { scoreReport, type IndicatorValue, type ValidReport } from '@pantau/domain';
import type { Submission } from '../writes/submission-batch';

export interface ReportFixture {
  source_id?: string;
  line?: number;
  report_id: string;
  village_code: string;
  period: string;
  submitted_at: string;
  indicators?: Record<string, IndicatorValue>;
  received_at?: string;
}

const DEFAULT_INDICATORS = { gov_online_letters_pct: 50 };

export function validSubmission(fixture: ReportFixture): Submission {
  const source_id = fixture.source_id ?? 'import-1';
  const line = fixture.line ?? 2;
  const indicators = fixture.indicators ?? DEFAULT_INDICATORS;
  const report: ValidReport = {
    report_id: fixture.report_id,
    cadre_id: `KD-${fixture.village_code}`,
    village_code: fixture.village_code,
    period: fixture.period,
    submitted_at: new Date(fixture.submitted_at).toISOString(),
    notes: null,
    indicators,
  };
  return {
    submission_id: `${source_id}:${line}`,
    source: 'import',
    source_id,
    line,
    received_at: fixture.received_at ?? '2024-01-01T00:00:00.000Z',
    valid: true,
    report,
    scores: scoreReport(indicators),
  };
}

export function rejectedSubmission(source_id: string, line: number, payload: unknown): Submission {
  return {
    submission_id: `${source_id}:${line}`,
    source: 'import',
    source_id,
    line,
    received_at: '2024-01-01T00:00:00.000Z',
    valid: false,
    errors: [{ field: 'village_code', value: '99.99.99.9999', message: 'unknown village code' }],
    payload,
  };
}
