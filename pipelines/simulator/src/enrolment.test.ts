import { REGIONS } from '@pantau/domain';
import { describe, expect, it } from 'vitest';
import {
  ALL_VILLAGES_COUNT,
  enrolVillages,
  JAMBI_PROVINCE_CODE,
  MERANGIN_REGENCY_CODE,
  MERANGIN_VILLAGE_CODES,
  MIN_ENROLMENT,
} from './enrolment';

const allProvinces = REGIONS.flatMap((r) => r.provinces);

describe('enrolVillages', () => {
  const villages = enrolVillages({ seed: 42, count: 3_000 });

  it('enrols exactly the requested number of distinct villages, sorted by code', () => {
    expect(villages).toHaveLength(3_000);
    const codes = villages.map((v) => v.code);
    expect(new Set(codes).size).toBe(3_000);
    expect([...codes].sort()).toEqual(codes);
  });

  it('always enrols the 14 Merangin villages of the 2023 news', () => {
    const codes = new Set(villages.map((v) => v.code));
    for (const code of MERANGIN_VILLAGE_CODES) expect(codes.has(code)).toBe(true);
    const small = new Set(enrolVillages({ seed: 9, count: MIN_ENROLMENT }).map((v) => v.code));
    for (const code of MERANGIN_VILLAGE_CODES) expect(small.has(code)).toBe(true);
  });

  it('represents all 38 provinces', () => {
    expect(new Set(villages.map((v) => v.provinceCode))).toEqual(new Set(allProvinces));
    const smallest = enrolVillages({ seed: 9, count: MIN_ENROLMENT });
    expect(new Set(smallest.map((v) => v.provinceCode)).size).toBe(38);
  });

  it('enrols many more villages of Jambi and Merangin than their weight alone would give', () => {
    const merangin = villages.filter((v) => v.regencyCode === MERANGIN_REGENCY_CODE).length;
    const jambi = villages.filter((v) => v.provinceCode === JAMBI_PROVINCE_CODE).length;
    // By village count alone Jambi would get about 57 of 3,000, Merangin about 8.
    expect(merangin).toBeGreaterThanOrEqual(60);
    expect(jambi).toBeGreaterThanOrEqual(150);
  });

  it('weights the other provinces by their number of villages', () => {
    const count = (province: string) => villages.filter((v) => v.provinceCode === province).length;
    expect(count('33')).toBeGreaterThan(count('31') * 10); // Jawa Tengah 8,563 vs DKI 267 villages
  });

  it('labels each village with its programme region', () => {
    const jakarta = villages.find((v) => v.provinceCode === '31');
    const papua = villages.find((v) => v.provinceCode === '95');
    expect(jakarta?.region).toBe('JKT');
    expect(papua?.region).toBe('MKS');
    expect(villages.find((v) => v.code === '15.02.02.2004')).toMatchObject({
      name: 'Kungkai',
      districtCode: '15.02.02',
      regencyCode: '15.02',
      provinceCode: '15',
    });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = enrolVillages({ seed: 42, count: 3_000 }).map((v) => v.code);
    const other = enrolVillages({ seed: 43, count: 3_000 }).map((v) => v.code);
    expect(again).toEqual(villages.map((v) => v.code));
    expect(other).not.toEqual(again);
  });

  it("enrols every village for 'all'", () => {
    expect(enrolVillages({ seed: 1, count: 'all' })).toHaveLength(ALL_VILLAGES_COUNT);
  });

  it('refuses counts it cannot honour', () => {
    expect(() => enrolVillages({ seed: 1, count: MIN_ENROLMENT - 1 })).toThrow(RangeError);
    expect(() => enrolVillages({ seed: 1, count: ALL_VILLAGES_COUNT + 1 })).toThrow(RangeError);
    expect(() => enrolVillages({ seed: 1, count: 100.5 })).toThrow(RangeError);
  });

  it('can enrol nearly every village without running out of any province', () => {
    expect(enrolVillages({ seed: 3, count: ALL_VILLAGES_COUNT - 1 })).toHaveLength(
      ALL_VILLAGES_COUNT - 1,
    );
  });
});
