import { describe, expect, it } from 'vitest';
import { findIndicator, INDICATORS } from './catalogue';
import { PILLAR_CODES } from './pillars';

describe('catalogue', () => {
  it('holds the 24 indicators of DESIGN.md with unique codes', () => {
    expect(INDICATORS).toHaveLength(24);
    expect(new Set(INDICATORS.map((i) => i.code)).size).toBe(24);
  });

  it('gives every pillar four indicators', () => {
    for (const pillar of PILLAR_CODES) {
      expect(INDICATORS.filter((i) => i.pillar === pillar)).toHaveLength(4);
    }
  });

  it('labels every indicator in Indonesian and English', () => {
    for (const i of INDICATORS) {
      expect(i.label.id.length).toBeGreaterThan(0);
      expect(i.label.en.length).toBeGreaterThan(0);
    }
  });

  it('requires whole numbers exactly for ordinals and counts', () => {
    for (const i of INDICATORS) {
      expect(i.wholeNumber).toBe(i.unit === 'ordinal' || i.unit === 'count');
    }
  });

  it('gives booleans no range and every other unit one', () => {
    for (const i of INDICATORS) expect(i.range === null).toBe(i.unit === 'bool');
  });

  it('finds an indicator by code and nothing for an unknown code', () => {
    expect(findIndicator('econ_online_sales_idr')?.score).toEqual({
      kind: 'log',
      target: 50_000_000,
    });
    expect(findIndicator('people_happiness')).toBeUndefined();
  });
});
