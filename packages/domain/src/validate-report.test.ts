import { describe, expect, it } from 'vitest';
import { NOT_UNICODE } from './text';
import { validateReport, type ValidationContext } from './validate-report';

/** When the fixtures' reports arrive: long after they were written. */
const RECEIVED = Date.parse('2025-01-01T00:00:00Z');

const context: ValidationContext = {
  isVillage: (code) => code === '15.02.02.2004' || code === '15.02.06.2026',
  receivedAt: RECEIVED,
};

function report(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    report_id: 'r-1',
    cadre_id: 'KD-15.02.02.2004',
    village_code: '15.02.02.2004',
    period: '2023-03',
    submitted_at: '2023-03-27T09:15:00+07:00',
    indicators: { people_digital_literacy_pct: 12.5, gov_apbdes_published: true },
    notes: 'laporan bulan Maret',
    ...overrides,
  };
}

function errorsOf(input: unknown) {
  const result = validateReport(input, context);
  if (result.ok) throw new Error('expected a rejection');
  return result.errors;
}

function indicators(values: Record<string, unknown>) {
  return report({ indicators: values });
}

describe('validateReport', () => {
  it('accepts a valid report and normalises it', () => {
    const result = validateReport(report({ notes: undefined, cadre_id: undefined }), context);
    expect(result).toEqual({
      ok: true,
      report: {
        report_id: 'r-1',
        cadre_id: null,
        village_code: '15.02.02.2004',
        period: '2023-03',
        submitted_at: '2023-03-27T02:15:00.000Z',
        notes: null,
        indicators: { people_digital_literacy_pct: 12.5, gov_apbdes_published: true },
      },
    });
  });

  it('accepts a percent at 0 and at 100 and rejects 100.01', () => {
    expect(validateReport(indicators({ gov_online_letters_pct: 0 }), context).ok).toBe(true);
    expect(validateReport(indicators({ gov_online_letters_pct: 100 }), context).ok).toBe(true);
    expect(errorsOf(indicators({ gov_online_letters_pct: 100.01 }))).toEqual([
      {
        field: 'indicators.gov_online_letters_pct',
        value: 100.01,
        message: 'must be between 0 and 100',
      },
    ]);
  });

  it('rejects an ordinal of 2.5 as not whole, and above its maximum when it is', () => {
    expect(errorsOf(indicators({ econ_bumdes_digital_level: 2.5 }))).toEqual([
      {
        field: 'indicators.econ_bumdes_digital_level',
        value: 2.5,
        message: 'must be a whole number',
      },
    ]);
    expect(errorsOf(indicators({ gov_website_status: 2.5 })).map((e) => e.message)).toEqual([
      'must be between 0 and 2',
      'must be a whole number',
    ]);
  });

  it('rejects a negative count', () => {
    expect(errorsOf(indicators({ env_offgrid_units: -1 }))).toEqual([
      { field: 'indicators.env_offgrid_units', value: -1, message: 'must be between 0 and 10000' },
    ]);
  });

  it('rejects values of the wrong JSON type', () => {
    const errors = errorsOf(
      indicators({
        people_rkdd_active: 'ya',
        people_training_sessions: '2',
        mob_signal_level: null,
      }),
    );
    expect(errors).toEqual([
      { field: 'indicators.people_rkdd_active', value: 'ya', message: 'must be true or false' },
      { field: 'indicators.people_training_sessions', value: '2', message: 'must be a number' },
      { field: 'indicators.mob_signal_level', value: null, message: 'must be a number' },
    ]);
  });

  it('rejects unknown indicator codes, each by name', () => {
    expect(errorsOf(indicators({ people_happiness: 3, gov_apbdes_published: true, x: 1 }))).toEqual(
      [
        { field: 'indicators.people_happiness', value: 3, message: 'unknown indicator code' },
        { field: 'indicators.x', value: 1, message: 'unknown indicator code' },
      ],
    );
  });

  it('rejects a report without indicators', () => {
    expect(errorsOf(indicators({}))).toEqual([
      { field: 'indicators', value: {}, message: 'at least one indicator is required' },
    ]);
  });

  it('rejects an unknown village and a malformed one differently', () => {
    expect(errorsOf(report({ village_code: '15.02.02.9999' }))).toEqual([
      { field: 'village_code', value: '15.02.02.9999', message: 'unknown village code' },
    ]);
    expect(errorsOf(report({ village_code: '1502022004' }))[0]?.message).toMatch(/malformed/);
  });

  it('rejects a period after the month of submission, read in Jakarta time', () => {
    expect(errorsOf(report({ period: '2023-04' }))).toEqual([
      {
        field: 'period',
        value: '2023-04',
        message: 'is after the month of submitted_at (2023-03, Asia/Jakarta)',
      },
    ]);
    // 18:00 UTC on 31 March is 1 April in Jakarta, so an April report is not early.
    const result = validateReport(
      report({ period: '2023-04', submitted_at: '2023-03-31T18:00:00Z' }),
      context,
    );
    expect(result.ok).toBe(true);
  });

  it('rejects malformed periods and timestamps', () => {
    expect(errorsOf(report({ period: '2023-3' }))[0]).toMatchObject({ field: 'period' });
    for (const submitted of ['05/04/2023', '5 April 2023', '2023-03-32T10:00:00Z']) {
      expect(errorsOf(report({ submitted_at: submitted }))).toEqual([
        { field: 'submitted_at', value: submitted, message: expect.stringMatching(/malformed/) },
      ]);
    }
  });

  it('lists every problem of a report at once', () => {
    const errors = errorsOf({
      report_id: '',
      village_code: '99.99.99.9999',
      period: '2023-03',
      indicators: { gov_online_letters_pct: 120, nope: true },
      notes: 'x'.repeat(2001),
    });
    expect(errors.map((e) => e.field).sort()).toEqual([
      'indicators.gov_online_letters_pct',
      'indicators.nope',
      'notes',
      'report_id',
      'submitted_at',
      'village_code',
    ]);
    expect(errors.find((e) => e.field === 'submitted_at')?.message).toBe('is required');
    expect(String(errors.find((e) => e.field === 'notes')?.value)).toHaveLength(101);
  });

  it('rejects a report_id longer than 64 characters', () => {
    expect(errorsOf(report({ report_id: 'r'.repeat(65) }))[0]).toMatchObject({
      field: 'report_id',
      message: 'must be 1–64 characters',
    });
  });

  it('rejects input that is not an object', () => {
    expect(errorsOf('hello')).toEqual([
      { field: 'report', value: 'hello', message: 'a report must be a JSON object' },
    ]);
  });

  it('rejects a submitted_at more than 10 minutes after receipt, and tolerates a clock a little fast', () => {
    const at = (iso: string) => report({ period: '2025-01', submitted_at: iso });
    expect(validateReport(at('2025-01-01T00:10:00Z'), context).ok).toBe(true);
    expect(errorsOf(at('2025-01-01T00:10:01Z'))).toEqual([
      {
        field: 'submitted_at',
        value: '2025-01-01T00:10:01.000Z',
        message: 'is more than 10 minutes after the report was received (2025-01-01T00:00:00.000Z)',
      },
    ]);
  });

  it('rejects a period after the current month at receipt, read in Jakarta time', () => {
    // 2025-01-01T00:00Z is already January in Jakarta (07:00).
    expect(
      validateReport(report({ period: '2025-01', submitted_at: '2025-01-01T06:00:00+07:00' }), {
        ...context,
        receivedAt: Date.parse('2024-12-31T23:30:00Z'),
      }).ok,
    ).toBe(true);
    expect(
      errorsOf(report({ period: '2025-02', submitted_at: '2025-02-01T09:00:00+07:00' })),
    ).toEqual(
      expect.arrayContaining([
        {
          field: 'period',
          value: '2025-02',
          message: 'is after the current month (2025-01, Asia/Jakarta)',
        },
      ]),
    );
  });

  it('rejects text that is not valid Unicode or holds a NUL, naming the field', () => {
    expect(errorsOf(report({ period: '\ud800' }))).toEqual([
      { field: 'period', value: '\ud800', message: NOT_UNICODE },
    ]);
    expect(
      errorsOf(report({ notes: 'a\u0000b', report_id: 'x\udc80' })).map((e) => e.field),
    ).toEqual(['report_id', 'notes']);
    expect(errorsOf(indicators({ 'bad\ud800': 1 }))).toEqual([
      { field: 'indicators.bad\ud800', value: 'bad\ud800', message: NOT_UNICODE },
    ]);
    expect(validateReport(report({ notes: 'baik 😀' }), context).ok).toBe(true);
  });
});
