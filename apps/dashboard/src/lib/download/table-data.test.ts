import { describe, expect, it } from 'vitest';
import { tableCsv } from './table-data';
import { sheetName, workbookRows } from './table-xlsx';

const table = {
  columns: [{ label: 'Nama' }, { label: 'DCI', numeric: true }, { label: 'Catatan' }],
  rows: [
    ['Desa "Maju", Jaya', '45,3', '=HYPERLINK("x")'],
    ['Sungai Manau', '—', '-12'],
  ],
};

describe('tableCsv', () => {
  it('writes the header and rows as shown, quoted, with formulas neutralised', () => {
    expect(tableCsv(table)).toBe(
      '\uFEFFNama,DCI,Catatan\r\n' +
        '"Desa ""Maju"", Jaya","45,3","\'=HYPERLINK(""x"")"\r\n' +
        "Sungai Manau,—,'-12\r\n",
    );
  });
});

describe('workbookRows', () => {
  it('types the shown numbers of numeric columns and keeps every other cell as text', () => {
    const [header, first, second] = workbookRows(table, 'id');
    expect(header?.map((c) => c.value)).toEqual(['Nama', 'DCI', 'Catatan']);
    expect(first).toEqual([
      { value: 'Desa "Maju", Jaya', type: String },
      { value: 45.3, type: Number, format: '#,##0.0' },
      { value: '=HYPERLINK("x")', type: String },
    ]);
    expect(second?.[1]).toEqual({ value: '—', type: String });
  });
});

describe('sheetName', () => {
  it('keeps what Excel allows in a sheet name', () => {
    expect(sheetName('Tren: DCI / pilar [2024]')).toBe('Tren  DCI   pilar  2024');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});
