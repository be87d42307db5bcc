import { describe, expect, it } from 'vitest';
import { csvCadreRow, validateCadre } from './cadre.schema';

const context = { isVillage: (code: string) => code === '15.02.02.2004' };

describe('validateCadre', () => {
  it('accepts a roster row read from CSV', () => {
    const row = csvCadreRow(
      ['cadre_id', 'name', 'village_code', 'region', 'active'],
      ['KD-15.02.02.2004', 'Siti Aminah', '15.02.02.2004', 'JKT', 'ya'],
    );
    expect(validateCadre(row, context)).toEqual({
      ok: true,
      cadre: {
        cadre_id: 'KD-15.02.02.2004',
        name: 'Siti Aminah',
        village_code: '15.02.02.2004',
        region: 'JKT',
        active: true,
      },
    });
  });

  it('reads the region names people write as the region code', () => {
    const written = {
      JKT: ['JKT', 'jkt', 'Jakarta', 'region jakarta', 'Region Jakarta', ' REGIONAL  Jakarta '],
      SBY: ['sby', 'Surabaya', 'wilayah surabaya'],
      MKS: ['MKS', 'Makassar', 'makasar', 'Region-Makasar'],
    };
    for (const [code, spellings] of Object.entries(written)) {
      for (const region of spellings) {
        const row = { cadre_id: 'KD-1', name: 'Siti', village_code: '15.02.02.2004', region };
        const result = validateCadre({ ...row, active: true }, context);
        expect(result.ok && result.cadre.region, region).toBe(code);
      }
    }
  });

  it('refuses a region it cannot place, naming the choices', () => {
    const row = { cadre_id: 'KD-1', name: 'Siti', village_code: '15.02.02.2004', active: true };
    expect(validateCadre({ ...row, region: 'Bandung' }, context)).toEqual({
      ok: false,
      errors: [
        {
          field: 'region',
          value: 'Bandung',
          message:
            "must be one of JKT (Region Jakarta), SBY (Region Surabaya), MKS (Region Makassar), or a region's name",
        },
      ],
    });
  });

  it('names every problem of a roster row', () => {
    const result = validateCadre(
      { cadre_id: 'KD-1', village_code: '15.02.02.9999', region: 'BDG', active: 'maybe' },
      context,
    );
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      'name',
      'region',
      'active',
    ]);
    const unknown = validateCadre(
      { cadre_id: 'KD-1', name: 'X', village_code: '15.02.02.9999', active: true },
      context,
    );
    expect(unknown.ok ? [] : unknown.errors).toEqual([
      { field: 'village_code', value: '15.02.02.9999', message: 'unknown village code' },
    ]);
  });
});
