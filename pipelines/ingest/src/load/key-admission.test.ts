import type { SubmissionBatch, ValidRow } from '@pantau/warehouse';
import { describe, expect, it } from 'vitest';
import { keyAdmission } from './key-admission';

function batch(source_id: string, keys: [string, string][]): SubmissionBatch {
  return {
    source: 'api',
    source_id,
    received_at: '2024-01-01T00:00:00.000Z',
    valid: keys.map(([village, period], i): ValidRow => [
      i + 1,
      `${source_id}-${i}`,
      null,
      village,
      period,
      0,
      true,
      null,
      [],
      [],
      0,
      0,
    ]),
    rejected: [],
  };
}

describe('keyAdmission', () => {
  it('admits batches of different keys, and chunks of one source sharing a key', () => {
    const admit = keyAdmission();
    expect(admit(batch('a', [['v1', '2023-01']]))).toBe(true);
    expect(admit(batch('b', [['v2', '2023-01']]))).toBe(true);
    expect(admit(batch('a', [['v1', '2023-01']]))).toBe(true);
  });

  it('refuses a second source for a key already in the transaction', () => {
    const admit = keyAdmission();
    expect(admit(batch('a', [['v1', '2023-01']]))).toBe(true);
    expect(
      admit(
        batch('b', [
          ['v3', '2023-02'],
          ['v1', '2023-01'],
        ]),
      ),
    ).toBe(false);
    // A refused batch claims none of its keys.
    expect(admit(batch('c', [['v3', '2023-02']]))).toBe(true);
  });
});
