import { describe, expect, it } from 'vitest';
import type { QualityFlag } from '$lib/api/endpoints';
import { tableCsv } from '$lib/download/table-data';
import { workbookRows } from '$lib/download/table-xlsx';
import { areasTable, flagsTable, indicatorsTable } from './quality-tables';

const flags: QualityFlag[] = [
  {
    id: 7,
    village_code: '15.02.02.2004',
    village_name: 'Kungkai',
    period: '2024-05',
    indicator: 'people_training_sessions',
    method: 'history',
    value: 1200,
    baseline: 12,
    score: 41.25,
    status: 'confirmed',
    comment: 'Salah ketik: 12',
    updated_by: 'analis',
    updated_at: '2024-06-03T02:00:00.000Z',
  },
  {
    id: 8,
    village_code: '15.02.02.2005',
    village_name: 'Sungai Kapas',
    period: '2024-05',
    indicator: 'people_digital_literacy_pct',
    method: 'peer',
    value: 62.5,
    baseline: 10,
    score: 3.6,
    status: 'open',
    comment: null,
    updated_by: null,
    updated_at: null,
  },
];

describe('flagsTable', () => {
  it('holds each flag as the table shows it, follow-up included, in Indonesian', () => {
    const table = flagsTable('id', flags);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Desa',
      'Kode',
      'Periode',
      'Indikator',
      'Metode',
      'Nilai',
      'Acuan',
      'Skor',
      'Tindak lanjut',
      'Komentar',
      'Ditindaklanjuti oleh',
      'Waktu tindak lanjut',
    ]);
    expect(table.rows[0]).toEqual([
      'Kungkai',
      '15.02.02.2004',
      '2024-05',
      'Sesi pelatihan',
      'Riwayat sendiri',
      '1.200',
      '12',
      '41,3',
      'Kesalahan terkonfirmasi',
      'Salah ketik: 12',
      'analis',
      expect.stringContaining('WIB'),
    ]);
    // Nobody followed the second one up: no one and no time, rather than a dash.
    expect(table.rows[1]?.slice(5, 12)).toEqual(['62,5', '10,0', '3,6', 'Terbuka', '', '', '']);
  });

  it('gives the workbook numbers for value, baseline and score', () => {
    const [, first] = workbookRows(flagsTable('id', flags), 'id');
    expect(first?.slice(5, 8).map((c) => c.value)).toEqual([1200, 12, 41.3]);
    expect(first?.[1]).toEqual({ value: '15.02.02.2004', type: String });
  });

  it('writes English labels in English', () => {
    const csv = tableCsv(flagsTable('en', flags.slice(1)));
    expect(csv.split('\r\n')[1]).toBe(
      'Sungai Kapas,15.02.02.2005,2024-05,Adults trained in digital literacy,Neighbours,62.5,10.0,3.6,Open,,,',
    );
  });
});

describe('indicatorsTable and areasTable', () => {
  it('lists each indicator with the reports that filled it and their share', () => {
    const table = indicatorsTable('en', [
      { indicator: 'people_training_sessions', filled: 1234, share: 0.5 },
      { indicator: 'people_digital_literacy_pct', filled: 0, share: null },
    ]);
    expect(table.rows).toEqual([
      ['Training sessions held this month', '1,234', '50.0%'],
      ['Adults trained in digital literacy', '0', '—'],
    ]);
    expect(workbookRows(table, 'en')[1]?.[2]).toEqual({
      value: 0.5,
      type: Number,
      format: '0.0%',
    });
  });

  it('gives each area its reports, flags per method and flag rate', () => {
    const table = areasTable('id', 'district', [
      {
        code: '15.02.02',
        name: 'Bangko',
        reports: 40,
        flagged_reports: 3,
        flags: { history: 2, peer: 1, stuck: 1 },
        flag_rate: 0.075,
      },
    ]);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Kecamatan',
      'Kode',
      'Laporan',
      'Riwayat sendiri',
      'Desa tetangga',
      'Tidak berubah',
      'Tingkat tanda',
    ]);
    expect(table.rows).toEqual([['Bangko', '15.02.02', '40', '2', '1', '1', '7,5%']]);
  });
});
