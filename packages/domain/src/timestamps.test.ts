import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamps';

describe('parseTimestamp', () => {
  it('reads Z, offsets, fractions, and no offset as Asia/Jakarta', () => {
    expect(parseTimestamp('2023-03-27T02:15:00Z')).toBe(Date.UTC(2023, 2, 27, 2, 15));
    expect(parseTimestamp('2023-03-27T09:15:00+07:00')).toBe(Date.UTC(2023, 2, 27, 2, 15));
    expect(parseTimestamp('2023-03-27T09:15:00')).toBe(Date.UTC(2023, 2, 27, 2, 15));
    expect(parseTimestamp('2023-03-26T21:15:00-05:00')).toBe(Date.UTC(2023, 2, 27, 2, 15));
    expect(parseTimestamp('2023-03-27T02:15:00.5Z')).toBe(Date.UTC(2023, 2, 27, 2, 15, 0, 500));
    expect(parseTimestamp('2023-03-27T02:15:00.123456Z')).toBe(
      Date.UTC(2023, 2, 27, 2, 15, 0, 123),
    );
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseTimestamp('2024-02-29T00:00:00Z')).not.toBeNull();
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toBeNull();
  });

  it.each([
    '05/04/2023',
    '5 April 2023',
    '2023-03-32T00:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-03-27',
    '2023-03-27 09:15:00',
    '2023-03-27T24:00:00',
    '2023-03-27T09:60:00',
    '2023-03-27T09:15',
    '2023-03-27T09:15:00+0700',
    '2023-03-27T09:15:00+15:00',
    '2023-03-27T09:15:00.Z',
    '',
  ])('refuses %j', (value) => {
    expect(parseTimestamp(value)).toBeNull();
  });
});
