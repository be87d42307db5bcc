import { describe, expect, it } from 'vitest';
import { t } from '.';
import {
  agoParts,
  formatDuration,
  formatCount,
  formatDelta,
  formatPeriod,
  formatRate,
  formatScore,
} from './format';

describe('formatScore', () => {
  it('shows one decimal with a decimal comma in Indonesian and a point in English', () => {
    expect(formatScore('id', 45.26)).toBe('45,3');
    expect(formatScore('en', 45.26)).toBe('45.3');
    expect(formatScore('id', 80)).toBe('80,0');
  });

  it('shows a dash for a missing value', () => {
    expect(formatScore('id', null)).toBe('—');
    expect(formatScore('en', undefined)).toBe('—');
  });
});

describe('formatDelta', () => {
  it('signs a change and rounds it to one decimal', () => {
    expect(formatDelta('id', 1.24)).toBe('+1,2');
    expect(formatDelta('en', -0.46)).toBe('−0.5');
    expect(formatDelta('en', 0.01)).toBe('±0.0');
  });
});

describe('counts and rates', () => {
  it('groups thousands the local way', () => {
    expect(formatCount('id', 83763)).toBe('83.763');
    expect(formatCount('en', 83763)).toBe('83,763');
  });

  it('shows a ratio as a percentage with one decimal', () => {
    expect(formatRate('id', 0.9342)).toMatch(/^93,4\s?%$/);
    expect(formatRate('en', 0.9342)).toBe('93.4%');
  });
});

describe('formatPeriod', () => {
  it('names the month in the view language', () => {
    expect(formatPeriod('id', '2024-12')).toBe('Des 2024');
    expect(formatPeriod('en', '2024-05')).toBe('May 2024');
  });
});

describe('agoParts', () => {
  it('uses the largest whole unit', () => {
    expect(agoParts(0.2)).toEqual({ unit: 'now', n: 0 });
    expect(agoParts(3.7)).toEqual({ unit: 'seconds', n: 3 });
    expect(agoParts(125)).toEqual({ unit: 'minutes', n: 2 });
    expect(agoParts(7300)).toEqual({ unit: 'hours', n: 2 });
  });
});

describe('t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'ago.seconds', { n: 3 })).toBe('3 s ago');
    expect(t('id', 'ago.seconds', { n: 3 })).toBe('3 dtk lalu');
    expect(t('en', 'search.none', {})).toBe('No area named "{q}"');
  });
});

describe('formatDuration', () => {
  it('picks the unit that reads best', () => {
    expect(formatDuration('en', 850)).toBe('850 ms');
    expect(formatDuration('id', 12_345)).toBe('12,3 dtk');
    expect(formatDuration('en', 270_000)).toBe('4.5 min');
    expect(formatDuration('en', 7_560_000)).toBe('2.1 h');
    expect(formatDuration('id', null)).toBe('—');
  });
});
