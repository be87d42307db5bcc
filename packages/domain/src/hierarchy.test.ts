import { describe, expect, it } from 'vitest';
import { adminParentCode, levelOfCode, regionOfProvince, REGIONS } from './hierarchy';

describe('hierarchy', () => {
  it('maps each of the 38 provinces to exactly one programme region', () => {
    const provinces = REGIONS.flatMap((r) => r.provinces);
    expect(provinces).toHaveLength(38);
    expect(new Set(provinces).size).toBe(38);
    expect(regionOfProvince('15')).toBe('JKT');
    expect(regionOfProvince('35')).toBe('SBY');
    expect(regionOfProvince('94')).toBe('MKS');
  });

  it('tells the level from the shape of a code', () => {
    expect(levelOfCode('15')).toBe('province');
    expect(levelOfCode('15.02')).toBe('regency');
    expect(levelOfCode('15.02.02')).toBe('district');
    expect(levelOfCode('15.02.02.2004')).toBe('village');
    expect(levelOfCode('JKT')).toBe('region');
    expect(levelOfCode('15.2')).toBeNull();
    expect(levelOfCode("15'; DROP TABLE areas")).toBeNull();
  });

  it('finds the administrative parent', () => {
    expect(adminParentCode('15.02.02.2004')).toBe('15.02.02');
    expect(adminParentCode('15.02')).toBe('15');
    expect(adminParentCode('15')).toBeNull();
  });
});
