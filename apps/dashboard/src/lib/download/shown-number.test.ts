import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, formatRate, formatScore } from '$lib/i18n/format';
import { shownNumber } from './shown-number';

describe('shownNumber', () => {
  it('reads back every number format.ts shows, in both languages', () => {
    for (const lang of ['id', 'en'] as const) {
      expect(shownNumber(lang, formatScore(lang, 45.25))).toEqual({
        value: 45.3,
        format: '#,##0.0',
      });
      expect(shownNumber(lang, formatCount(lang, 83_763))).toEqual({
        value: 83_763,
        format: '#,##0',
      });
      expect(shownNumber(lang, formatDelta(lang, -0.54))?.value).toBe(-0.5);
      expect(shownNumber(lang, formatDelta(lang, 1.2))?.value).toBe(1.2);
      expect(shownNumber(lang, formatRate(lang, 0.934))).toEqual({ value: 0.934, format: '0.0%' });
    }
  });

  it('reads the decimal comma in Indonesian and the dot as thousands', () => {
    expect(shownNumber('id', '1.234,5')?.value).toBe(1234.5);
    expect(shownNumber('en', '1,234.5')?.value).toBe(1234.5);
  });

  it('leaves text that is not one number as text', () => {
    for (const text of ['—', 'Mei 2024', '3/4', '', '12 desa', '1,2,3']) {
      expect(shownNumber('id', text)).toBeNull();
    }
  });
});
