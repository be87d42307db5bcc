import { describe, expect, it } from 'vitest';
import { validateBatch, validateQueuedReport } from './validate.processor';

const context = { isVillage: (code: string) => code === '15.02.02.2004' };
const RECEIVED = '2024-01-01T00:00:00.000Z';
const report = {
  report_id: 'r-1',
  village_code: '15.02.02.2004',
  period: '2023-03',
  submitted_at: '2023-03-27T09:15:00+07:00',
  indicators: { gov_online_letters_pct: 30 },
};

describe('validateBatch', () => {
  it('validates CSV cells against the job header and scores the valid rows', () => {
    const [valid, invalid] = validateBatch(
      {
        source: 'import',
        source_id: 'imp-1',
        received_at: RECEIVED,
        chunk: 0,
        header: ['report_id', 'village_code', 'period', 'submitted_at', 'gov_online_letters_pct'],
        records: [
          { line: 2, cells: ['r-1', '15.02.02.2004', '2023-03', '2023-03-27T09:15:00', '30'] },
          { line: 3, cells: ['r-2', '15.02.02.2004', '2023-03', '2023-03-27T09:15:00', '30,5'] },
        ],
      },
      context,
    );
    expect(valid).toMatchObject({ submission_id: 'imp-1:2', valid: true, scores: { dci: 30 } });
    expect(invalid).toMatchObject({
      submission_id: 'imp-1:3',
      valid: false,
      errors: [
        { field: 'gov_online_letters_pct', message: 'decimal comma is not accepted, write 30.5' },
      ],
      payload: { report_id: 'r-2', gov_online_letters_pct: '30,5' },
    });
  });

  it('reports an NDJSON line that is not JSON without failing the others', () => {
    const result = validateBatch(
      {
        source: 'import',
        source_id: 'imp-2',
        received_at: RECEIVED,
        chunk: 0,
        records: [
          { line: 1, text: JSON.stringify(report) },
          { line: 2, text: '{"report_id": ' },
        ],
      },
      context,
    );
    expect(result.map((s) => s.valid)).toEqual([true, false]);
    expect(result[1]).toMatchObject({
      errors: [{ field: 'line', message: expect.stringMatching(/^is not valid JSON/) }],
    });
  });

  it('numbers the reports of an API request from 1', () => {
    const result = validateBatch(
      {
        source: 'api',
        source_id: 'api-x',
        received_at: RECEIVED,
        chunk: 0,
        records: [
          { line: 1, value: report },
          { line: 2, value: 'nope' },
        ],
      },
      context,
    );
    expect(result.map((s) => [s.submission_id, s.valid])).toEqual([
      ['api-x:1', true],
      ['api-x:2', false],
    ]);
  });
});

describe('validateQueuedReport', () => {
  it("identifies a third party's job by its id and time, received when it was added", () => {
    const submission = validateQueuedReport(
      { id: '7', timestamp: Date.parse(RECEIVED), data: report },
      context,
    );
    expect(submission).toMatchObject({
      submission_id: `job-7-${Date.parse(RECEIVED)}:1`,
      source: 'queue',
      received_at: RECEIVED,
      valid: true,
    });
  });
});
