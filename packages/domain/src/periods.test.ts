import { describe, expect, it } from 'vitest';
import {
  addMonths,
  isOnTime,
  monthsBetween,
  onTimeDeadline,
  parsePeriod,
  periodOfInstant,
  periodRange,
} from './periods';
import { parseTimestamp } from './timestamps';

function at(timestamp: string): number {
  const ms = parseTimestamp(timestamp);
  if (ms === null) throw new Error(timestamp);
  return ms;
}

describe('periods', () => {
  it('parses YYYY-MM and refuses anything else', () => {
    expect(parsePeriod('2023-03')).toEqual({ year: 2023, month: 3 });
    for (const bad of [
      '2023-3',
      '2023-13',
      '2023-00',
      '23-03',
      '2023/03',
      '2023-03-01',
      ' 2023-03',
    ]) {
      expect(parsePeriod(bad)).toBeNull();
    }
  });

  it('adds months across years', () => {
    expect(addMonths('2023-11', 3)).toBe('2024-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(monthsBetween('2022-12', '2024-01')).toBe(13);
  });

  it('lists a range with both ends included, and nothing when reversed', () => {
    expect(periodRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(periodRange('2024-02', '2023-11')).toEqual([]);
  });

  it('reads the month of an instant in Asia/Jakarta time', () => {
    expect(periodOfInstant(at('2023-03-31T17:30:00Z'))).toBe('2023-04'); // 00:30 WIB on 1 April
    expect(periodOfInstant(at('2023-03-31T16:59:59Z'))).toBe('2023-03');
  });

  it('is on time until the 10th of the following month ends in Jakarta', () => {
    expect(onTimeDeadline('2023-03')).toBe(at('2023-04-11T00:00:00+07:00'));
    expect(isOnTime('2023-03', at('2023-04-10T23:59:59'))).toBe(true);
    expect(isOnTime('2023-03', at('2023-04-11T00:00:00'))).toBe(false);
    expect(isOnTime('2023-03', at('2023-04-10T17:00:00Z'))).toBe(false);
    expect(isOnTime('2023-12', at('2024-01-10T12:00:00+07:00'))).toBe(true);
  });
});
