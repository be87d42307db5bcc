import { describe, expect, it } from 'vitest';
import { checkCsvHeader, readNumberCell, validateCsvRow } from './csv-row';
import { NOT_UNICODE } from './text';

const context = {
  isVillage: (code: string) => code === '15.02.02.2004',
  receivedAt: Date.parse('2025-01-01T00:00:00Z'),
};
const header = [
  'report_id',
  'cadre_id',
  'village_code',
  'period',
  'submitted_at',
  'notes',
  'people_rkdd_active',
  'people_digital_literacy_pct',
  'mob_signal_level',
];

function row(cells: Partial<Record<(typeof header)[number], string>>): string[] {
  const base: Record<string, string> = {
    report_id: 'r-1',
    cadre_id: '',
    village_code: '15.02.02.2004',
    period: '2023-03',
    submitted_at: '2023-03-27T09:15:00',
    notes: '',
    people_rkdd_active: '',
    people_digital_literacy_pct: '',
    mob_signal_level: '',
    ...cells,
  };
  return header.map((h) => base[h] ?? '');
}

describe('validateCsvRow', () => {
  it.each([
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['ya', true],
    ['Tidak', false],
  ])('reads the boolean cell %j as %s', (cell, value) => {
    const result = validateCsvRow(header, row({ people_rkdd_active: cell }), context);
    expect(result.ok && result.report.indicators.people_rkdd_active).toBe(value);
  });

  it('treats empty cells as not reported', () => {
    const result = validateCsvRow(header, row({ mob_signal_level: '3' }), context);
    expect(result.ok && result.report.indicators).toEqual({ mob_signal_level: 3 });
    expect(result.ok && result.report.cadre_id).toBeNull();
  });

  it('refuses a decimal comma and says how to write it', () => {
    const result = validateCsvRow(header, row({ people_digital_literacy_pct: '12,5' }), context);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'people_digital_literacy_pct',
          value: '12,5',
          message: 'decimal comma is not accepted, write 12.5',
        },
      ],
    });
  });

  it('reads a decimal comma in the semicolon dialect and refuses a point there', () => {
    const read = validateCsvRow(
      header,
      row({ people_digital_literacy_pct: '12,5', mob_signal_level: '3' }),
      context,
      ',',
    );
    expect(read.ok && read.report.indicators).toEqual({
      people_digital_literacy_pct: 12.5,
      mob_signal_level: 3,
    });
    const refused = validateCsvRow(
      header,
      row({ people_digital_literacy_pct: '1.234' }),
      context,
      ',',
    );
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          field: 'people_digital_literacy_pct',
          value: '1.234',
          message:
            'the decimal mark of this file is a comma, write 1,234 (no thousands separators)',
        },
      ],
    });
  });

  it('names the CSV column in range and type errors', () => {
    const result = validateCsvRow(
      header,
      row({
        people_digital_literacy_pct: '101',
        people_rkdd_active: 'maybe',
        mob_signal_level: 'x',
      }),
      context,
    );
    expect(result.ok ? [] : result.errors).toEqual([
      {
        field: 'people_rkdd_active',
        value: 'maybe',
        message: 'must be one of true/false/1/0/ya/tidak',
      },
      { field: 'mob_signal_level', value: 'x', message: 'must be a number' },
      { field: 'people_digital_literacy_pct', value: 101, message: 'must be between 0 and 100' },
    ]);
  });

  it('rejects a row without any indicator', () => {
    const result = validateCsvRow(header, row({}), context);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'indicators', value: {}, message: 'at least one indicator is required' },
    ]);
  });

  it('rejects a value in an unknown indicator column', () => {
    const result = validateCsvRow(
      [...header, 'people_happiness'],
      [...row({ mob_signal_level: '1' }), '5'],
      context,
    );
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'people_happiness', value: '5', message: 'unknown indicator code' },
    ]);
  });
});

describe('validateCsvRow on the shape of a row', () => {
  it('points at an unquoted decimal comma that split a number into two cells', () => {
    const cells = row({ mob_signal_level: '1' });
    const index = header.indexOf('people_digital_literacy_pct');
    cells.splice(index, 1, '12', '5');
    const result = validateCsvRow(header, cells, context);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'row',
          value: header.length + 1,
          message: `has ${header.length + 1} cells but the header has ${header.length}; a decimal comma splits a number in two (12,5): write 12.5`,
        },
      ],
    });
  });

  it('reads missing trailing cells as empty', () => {
    const cells = row({ people_rkdd_active: 'ya' }).slice(
      0,
      header.indexOf('people_rkdd_active') + 1,
    );
    expect(validateCsvRow(header, cells, context).ok).toBe(true);
  });
});

describe('checkCsvHeader', () => {
  it('names missing and repeated columns', () => {
    expect(checkCsvHeader(['report_id', 'period', 'period', 'mob_signal_level'])).toEqual([
      'missing required column "village_code"',
      'missing required column "submitted_at"',
      'column "period" appears more than once',
    ]);
    expect(checkCsvHeader(header)).toEqual([]);
  });
});

describe('hostile cells', () => {
  it('reads a cell of a million digits in linear time', () => {
    const cell = `${'1'.repeat(1_000_000)}x`;
    expect(readNumberCell(cell)).toEqual({ ok: false, message: 'must be a number' });
    expect(readNumberCell('1'.repeat(1_000_000)).ok).toBe(true);
  });

  it('names a cell that is not valid Unicode instead of calling it a malformed number', () => {
    const header = [
      'report_id',
      'village_code',
      'period',
      'submitted_at',
      'gov_online_letters_pct',
    ];
    const cells = ['r-1', '15.02.02.2004', '2023-03', '2023-03-27T09:00:00', '1\udcff'];
    expect(validateCsvRow(header, cells, context)).toEqual({
      ok: false,
      errors: [{ field: 'gov_online_letters_pct', value: '1\ufffd', message: NOT_UNICODE }],
    });
  });
});
