import { describe, expect, it } from 'vitest';
import { downloadName, slug } from './download-name';

describe('downloadName', () => {
  it('names the file for the table, the area and the period', () => {
    expect(downloadName(['Skor Kecamatan', 'Kabupaten Merangin', '2024-05'], 'xlsx')).toBe(
      'skor-kecamatan-kabupaten-merangin-2024-05.xlsx',
    );
  });

  it('drops accents, punctuation and empty parts', () => {
    expect(slug('Peringkat · Désa (Ñ)')).toBe('peringkat-desa-n');
    expect(downloadName(['Tren · DCI', '', 'Kota Jambi'], 'png')).toBe('tren-dci-kota-jambi.png');
  });

  it('falls back to a name when nothing is left', () => {
    expect(downloadName(['—'], 'csv')).toBe('pantau.csv');
  });
});
