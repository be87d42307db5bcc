import { describe, expect, it } from 'vitest';
import type { AreaCompleteness } from '$lib/api/endpoints';
import { missingCsvFilename, missingVillagesCsv, rowsLevel, worstFirst } from './completeness';

function row(code: string, rate: number | null, expected = 10): AreaCompleteness {
  return { code, name: code, expected, reported: 0, on_time: 0, rate, on_time_rate: null };
}

describe('rowsLevel', () => {
  it('lists the level below the parent, provinces for the country', () => {
    expect(rowsLevel(null)).toBe('province');
    expect(rowsLevel('15')).toBe('regency');
    expect(rowsLevel('15.02')).toBe('district');
    expect(rowsLevel('15.02.02')).toBe('village');
  });
});

describe('worstFirst', () => {
  it('puts the lowest reporting rate first and areas expecting no one last', () => {
    expect(
      worstFirst([row('a', 0.9), row('b', null, 0), row('c', 0.4)]).map((r) => r.code),
    ).toEqual(['c', 'a', 'b']);
  });
});

describe('missingVillagesCsv', () => {
  it('writes a header and one quoted-when-needed line per village', () => {
    const csv = missingVillagesCsv(
      [
        {
          code: '15.02.06.2012',
          name: 'Pauh Menang',
          district_code: '15.02.06',
          district_name: 'Pamenang',
          cadre_id: 'KD-15.02.06.2012',
          cadre_name: 'Rina "Ina", S.Kom',
        },
      ],
      '2024-12',
    );
    expect(csv).toBe(
      'village_code,village_name,district_code,district_name,cadre_id,cadre_name,period\r\n' +
        '15.02.06.2012,Pauh Menang,15.02.06,Pamenang,KD-15.02.06.2012,"Rina ""Ina"", S.Kom",2024-12\r\n',
    );
  });

  it('neutralises a cell a spreadsheet would run, and leaves a hidden cadre empty', () => {
    const csv = missingVillagesCsv(
      [
        {
          code: '15.02.06.2012',
          name: 'Pauh Menang',
          district_code: '15.02.06',
          district_name: 'Pamenang',
          cadre_id: '=HYPERLINK("http://evil.example")',
          cadre_name: '@Rina',
        },
        {
          code: '15.02.06.2013',
          name: 'Karang Birahi',
          district_code: '15.02.06',
          district_name: 'Pamenang',
          cadre_id: null,
          cadre_name: null,
        },
      ],
      '2024-12',
    );
    expect(csv.split('\r\n').slice(1, 3)).toEqual([
      `15.02.06.2012,Pauh Menang,15.02.06,Pamenang,"'=HYPERLINK(""http://evil.example"")",'@Rina,2024-12`,
      '15.02.06.2013,Karang Birahi,15.02.06,Pamenang,,,2024-12',
    ]);
  });

  it('names the file after the scope and period', () => {
    expect(missingCsvFilename('15.02', '2024-12')).toBe('desa-belum-melapor_15.02_2024-12.csv');
    expect(missingCsvFilename(null, '2024-12')).toBe('desa-belum-melapor_indonesia_2024-12.csv');
  });
});
