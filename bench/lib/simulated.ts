// The simulated reports the import benches send: every village, 2023–2026, mostly clean.
import { enrolVillages, generateReports, type SimulatedItem } from '@pantau/simulator';

const SEED = 2026;
/** Realistic but mostly clean: one row in a thousand of each invalid kind. */
const INVALID_RATE = 0.001;

/** The first `count` simulated items, the same in every run. */
export function* simulatedItems(count: number): Generator<SimulatedItem> {
  if (count <= 0) return;
  const villages = enrolVillages({ seed: SEED, count: 'all' });
  let n = 0;
  for (const item of generateReports({
    seed: SEED,
    villages,
    from: '2023-01',
    to: '2026-12',
    invalidRate: INVALID_RATE,
    format: 'csv',
  })) {
    yield item;
    if (++n >= count) return;
  }
}
