import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { WeightedHistogram } from './weighted-histogram';

const BUCKETS = [0.1, 1, 10];

describe('WeightedHistogram', () => {
  it("renders what prom-client's Histogram renders for the same observations one by one", async () => {
    const weighted = new Registry();
    const plain = new Registry();
    const w = new WeightedHistogram('wait_seconds', 'Wait', BUCKETS, weighted);
    const h = new Histogram({
      name: 'wait_seconds',
      help: 'Wait',
      buckets: BUCKETS,
      registers: [plain],
    });
    for (const [value, weight] of [
      [0.05, 3],
      [2, 1],
      [50, 2],
      [1, 4],
    ] as const) {
      w.observe(value, weight);
      for (let i = 0; i < weight; i++) h.observe(value);
    }
    expect(await weighted.metrics()).toBe(await plain.metrics());
  });
});
