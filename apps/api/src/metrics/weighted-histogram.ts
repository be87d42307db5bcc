// A Prometheus histogram that takes a value with a count: a batch of reports that waited the
// same time is one observation of weight n, not n calls (prom-client's Histogram has no weight,
// and 130,000 calls take ~150 ms of the loader's event loop).
import type { Metric, Registry } from 'prom-client';

/** One line of the exposition: `<name>_bucket{le="0.5"} 3`. */
interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

export class WeightedHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    this.counts = buckets.map(() => 0);
    registry.registerMetric(this as unknown as Metric);
  }

  observe(value: number, weight = 1): void {
    for (let i = 0; i < this.buckets.length; i++) {
      if (value <= this.buckets[i]!) this.counts[i]! += weight;
    }
    this.sum += value * weight;
    this.count += weight;
  }

  /** What the registry renders (prom-client's metric interface). */
  get() {
    const values: Sample[] = this.buckets.map((le, i) => ({
      metricName: `${this.name}_bucket`,
      labels: { le },
      value: this.counts[i]!,
    }));
    values.push(
      { metricName: `${this.name}_bucket`, labels: { le: '+Inf' }, value: this.count },
      { metricName: `${this.name}_sum`, labels: {}, value: this.sum },
      { metricName: `${this.name}_count`, labels: {}, value: this.count },
    );
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type as never,
      aggregator: this.aggregator,
      values,
    });
  }
}
