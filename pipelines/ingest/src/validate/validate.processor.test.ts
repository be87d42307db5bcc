import { submissionIds } from '@pantau/warehouse';
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
  it('validates CSV records against the job header and scores the valid rows', () => {
    const batch = validateBatch(
      {
        source: 'import',
        source_id: 'imp-1',
        received_at: RECEIVED,
        chunk: 0,
        header: ['report_id', 'village_code', 'period', 'submitted_at', 'gov_online_letters_pct'],
        records: [
          { line: 2, csv: 'r-1,15.02.02.2004,2023-03,2023-03-27T09:15:00,30' },
          { line: 3, csv: 'r-2,15.02.02.2004,2023-03,2023-03-27T09:15:00,"30,5"' },
        ],
      },
      context,
    );
    expect(batch).toMatchObject({ source: 'import', source_id: 'imp-1', received_at: RECEIVED });
    expect(
      batch.valid.map(([line, reportId, , , , , , , , , dci]) => [line, reportId, dci]),
    ).toEqual([[2, 'r-1', 30]]);
    expect(batch.rejected).toEqual([
      [
        3,
        [
          {
            field: 'gov_online_letters_pct',
            value: '30,5',
            message: 'decimal comma is not accepted, write 30.5',
          },
        ],
        {
          report_id: 'r-2',
          village_code: '15.02.02.2004',
          period: '2023-03',
          submitted_at: '2023-03-27T09:15:00',
          gov_online_letters_pct: '30,5',
        },
      ],
    ]);
  });

  it('reports an NDJSON line that is not JSON without failing the others', () => {
    const batch = validateBatch(
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
    expect(batch.valid.map(([line]) => line)).toEqual([1]);
    expect(batch.rejected[0]?.[0]).toBe(2);
    expect(batch.rejected[0]?.[1]).toEqual([
      {
        field: 'line',
        value: '{"report_id": ',
        message: expect.stringMatching(/^is not valid JSON/),
      },
    ]);
  });

  it('numbers the reports of an API request from 1', () => {
    const batch = validateBatch(
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
    expect(submissionIds(batch)).toEqual(['api-x:1', 'api-x:2']);
    expect([batch.valid.length, batch.rejected.length]).toEqual([1, 1]);
  });
});

describe('validateQueuedReport', () => {
  it("identifies a third party's job by its id and time, received when it was added", () => {
    const batch = validateQueuedReport(
      { id: '7', timestamp: Date.parse(RECEIVED), data: report },
      context,
    );
    expect(batch).toMatchObject({ source: 'queue', received_at: RECEIVED });
    expect(submissionIds(batch)).toEqual([`job-7-${Date.parse(RECEIVED)}:1`]);
    expect(batch.valid).toHaveLength(1);
  });
});
