import { describe, expect, it } from 'vitest';
import { findIndicator, type Indicator } from './catalogue';
import { indicatorScore, scoreReport, stageOf } from './scoring';

function indicator(code: string): Indicator {
  const found = findIndicator(code);
  if (!found) throw new Error(code);
  return found;
}

describe('indicatorScore', () => {
  it('scores a target rule as 100·x/T, capped at 100', () => {
    const literacy = indicator('people_digital_literacy_pct'); // T = 25
    expect(indicatorScore(literacy, 0)).toBe(0);
    expect(indicatorScore(literacy, 12.5)).toBe(50);
    expect(indicatorScore(literacy, 25)).toBe(100);
    expect(indicatorScore(literacy, 100)).toBe(100);
  });

  it('scores a percent with the identity rule as the value itself', () => {
    const letters = indicator('gov_online_letters_pct');
    expect(indicatorScore(letters, 0)).toBe(0);
    expect(indicatorScore(letters, 37.3)).toBe(37.3);
    expect(indicatorScore(letters, 100)).toBe(100);
  });

  it('scores booleans 0 or 100', () => {
    const rkdd = indicator('people_rkdd_active');
    expect(indicatorScore(rkdd, true)).toBe(100);
    expect(indicatorScore(rkdd, false)).toBe(0);
  });

  it('scores ordinals as 100·x/max', () => {
    expect(indicatorScore(indicator('gov_website_status'), 1)).toBe(50);
    expect(indicatorScore(indicator('mob_signal_level'), 2)).toBeCloseTo(66.6667, 4);
    expect(indicatorScore(indicator('econ_bumdes_digital_level'), 3)).toBe(100);
  });

  it('scores rupiah on the log rule: 0 at 0, 100 at T, capped above', () => {
    const sales = indicator('econ_online_sales_idr');
    expect(indicatorScore(sales, 0)).toBe(0);
    expect(indicatorScore(sales, 50_000_000)).toBeCloseTo(100, 12);
    expect(indicatorScore(sales, 1e13)).toBe(100);
    expect(indicatorScore(sales, 5_000_000)).toBeCloseTo(
      (100 * Math.log10(5_000_001)) / Math.log10(50_000_001),
      12,
    );
  });

  it('caps counts at their target', () => {
    expect(indicatorScore(indicator('mob_public_wifi_points'), 1)).toBeCloseTo(33.3333, 4);
    expect(indicatorScore(indicator('env_offgrid_units'), 9000)).toBe(100);
  });
});

describe('stageOf', () => {
  it.each([
    [0, 0],
    [19.99, 0],
    [20, 1],
    [39.99, 1],
    [40, 2],
    [59.999, 2],
    [60, 3],
    [79.99, 3],
    [80, 4],
    [100, 4],
  ])('puts a DCI of %s in stage %s', (dci, stage) => {
    expect(stageOf(dci)).toBe(stage);
  });
});

describe('scoreReport', () => {
  it('averages indicators into pillars and present pillars into the DCI', () => {
    const scores = scoreReport({
      people_digital_literacy_pct: 12.5, // 50
      people_rkdd_active: true, // 100
      gov_online_letters_pct: 30, // 30
      mob_signal_level: 3, // 100
    });
    expect(scores.pillars).toEqual({
      people: 75,
      government: 30,
      economy: null,
      environment: null,
      living: null,
      mobility: 100,
    });
    expect(scores.dci).toBeCloseTo((75 + 30 + 100) / 3, 12);
    expect(scores.stage).toBe(3);
  });

  it('gives a pillar without indicators no score rather than zero', () => {
    const scores = scoreReport({ env_early_warning: false });
    expect(scores.pillars.environment).toBe(0);
    expect(scores.pillars.people).toBeNull();
    expect(scores.dci).toBe(0);
    expect(scores.stage).toBe(0);
  });

  it('refuses an unknown indicator', () => {
    expect(() => scoreReport({ people_happiness: 3 })).toThrow(/unknown indicator/);
  });
});
