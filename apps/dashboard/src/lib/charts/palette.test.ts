import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR, SCORE_SCALE, scoreColor, textColorOn } from './palette';

describe('scoreColor', () => {
  it('maps 0 and 100 to the ends of the scale', () => {
    expect(scoreColor(0)).toBe(SCORE_SCALE[0]);
    expect(scoreColor(100)).toBe(SCORE_SCALE.at(-1));
  });

  it('clamps scores outside 0–100', () => {
    expect(scoreColor(-5)).toBe(SCORE_SCALE[0]);
    expect(scoreColor(140)).toBe(SCORE_SCALE.at(-1));
  });

  it('gives the no-data colour to a missing score', () => {
    expect(scoreColor(null)).toBe(NO_DATA_COLOR);
    expect(scoreColor(Number.NaN)).toBe(NO_DATA_COLOR);
  });

  it('interpolates between neighbouring scale colours', () => {
    expect(scoreColor(50)).toMatch(/^#[0-9a-f]{6}$/);
    expect(scoreColor(50)).not.toBe(scoreColor(60));
  });
});

describe('textColorOn', () => {
  it('writes dark text on pale tiles and white text on deep blue ones', () => {
    expect(textColorOn(scoreColor(5))).toBe('#111827');
    expect(textColorOn(scoreColor(95))).toBe('#ffffff');
  });
});
