// Keeps each loader transaction to one source per (village, period).

import type { SubmissionBatch } from '@pantau/warehouse';

/**
 * An admission check for one transaction: a batch is refused when one of its (village, period)
 * keys was admitted from another source; it waits for the next transaction. Sources then apply
 * one after another, as the rules read, with a single natural-key round per transaction — and
 * a flood of resubmissions for one village is spread over transactions instead of slowing
 * every one of them.
 */
export function keyAdmission(): (batch: SubmissionBatch) => boolean {
  const sourceOfKey = new Map<string, string>();
  return (batch) => {
    const keys = batch.valid.map(([, , , village, period]) => `${village}|${period}`);
    for (const key of keys) {
      const source = sourceOfKey.get(key);
      if (source !== undefined && source !== batch.source_id) return false;
    }
    for (const key of keys) sourceOfKey.set(key, batch.source_id);
    return true;
  };
}
