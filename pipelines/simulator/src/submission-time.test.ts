import { isOnTime, parseTimestamp, periodOfInstant } from '@pantau/domain';
import { describe, expect, it } from 'vitest';
import { Random } from './prng';
import { drawCorrectionTime, drawSubmissionTime, formatJakarta } from './submission-time';

describe('formatJakarta', () => {
  it('writes strict ISO 8601 in Jakarta time with its offset', () => {
    const at = Date.UTC(2023, 2, 27, 2, 15, 0, 123);
    expect(formatJakarta(at)).toBe('2023-03-27T09:15:00+07:00');
    expect(formatJakarta(at, { millis: true })).toBe('2023-03-27T09:15:00.123+07:00');
    expect(parseTimestamp(formatJakarta(at))).toBe(at - 123);
  });
});

describe('drawSubmissionTime', () => {
  const random = new Random(5);
  const times = Array.from({ length: 20_000 }, () => drawSubmissionTime('2023-12', random));

  it('never submits before the 12th of the period, so the period is never after the submission', () => {
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2023-12-12T00:00:00+07:00'));
    for (const at of times) expect(periodOfInstant(at) >= '2023-12').toBe(true);
  });

  it('mostly submits from the 20th to the 10th of the next month, about 10 % late', () => {
    const late = times.filter((at) => !isOnTime('2023-12', at)).length / times.length;
    const inWindow = times.filter(
      (at) => at >= Date.parse('2023-12-20T00:00:00+07:00') && isOnTime('2023-12', at),
    ).length;
    expect(late).toBeGreaterThan(0.09);
    expect(late).toBeLessThan(0.11);
    expect(inWindow / times.length).toBeGreaterThan(0.8);
  });

  it('puts a correction after its original', () => {
    const original = Date.parse('2023-03-27T09:15:00+07:00');
    for (let i = 0; i < 100; i++)
      expect(drawCorrectionTime(original, random)).toBeGreaterThan(original);
  });
});
