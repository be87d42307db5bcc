// The API process's Prometheus metrics: HTTP, live streams, the queues, the loader and reports.
import type { ReportsLoadedEvent } from '@pantau/domain';
import type { LoaderBatch, Queues } from '@pantau/ingest';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveFeed } from '../live/live-feed';
import { WeightedHistogram } from './weighted-histogram';

/** From a cached read (a few ms) to a national export (seconds). */
const HTTP_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** From one live report to the loader's largest transaction (130,000 submissions). */
const BATCH_SIZE_BUCKETS = [1, 10, 100, 1_000, 10_000, 50_000, 100_000, 150_000];
const BATCH_DURATION_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** DESIGN's freshness aims sit under a second; a bulk import's tail waits minutes. */
const LATENCY_BUCKETS_S = [0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** What the metrics read at scrape time: the queues' counts, the open streams. */
export interface MetricSources {
  queues: Queues;
  live: LiveFeed;
}

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'pantau_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (to its first byte for streams), by route pattern',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS_S,
    registers: [this.registry],
  });
  private readonly batchSize = new Histogram({
    name: 'pantau_loader_batch_size',
    help: 'Submissions per loader batch (one transaction, or its parts when split)',
    buckets: BATCH_SIZE_BUCKETS,
    registers: [this.registry],
  });
  private readonly batchDuration = new Histogram({
    name: 'pantau_loader_batch_duration_seconds',
    help: 'Time the loader took to commit a batch',
    buckets: BATCH_DURATION_BUCKETS_S,
    registers: [this.registry],
  });
  private readonly loadLatency = new WeightedHistogram(
    'pantau_report_load_latency_seconds',
    'Time from a submission being received to its commit in DuckDB',
    LATENCY_BUCKETS_S,
    this.registry,
  );
  private readonly reports = new Counter({
    name: 'pantau_reports_total',
    help: 'Submissions loaded, by outcome (imported, updated, ignored, rejected)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly readCache = new Counter({
    name: 'pantau_read_cache_requests_total',
    help: 'Cacheable reads, by result: hit (served from memory), miss, or not_modified (304)',
    labelNames: ['result'],
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'pantau_process_' });
    new Gauge({
      name: 'pantau_live_connections',
      help: 'Open /live event streams',
      registers: [this.registry],
      collect() {
        this.set(sources.live.connections);
      },
    });
    // BullMQ's own exportPrometheusMetrics() writes a whole text block per queue (its HELP and
    // TYPE lines repeated for each): the same gauge, under BullMQ's name, from its job counts.
    new Gauge({
      name: 'bullmq_job_count',
      help: 'Number of jobs in the queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        // Redis down: the gauge is left out of the scrape rather than failing it (/health says why).
        const counted = await Promise.allSettled(
          [sources.queues.validate, sources.queues.load].map(async (queue) => ({
            queue: queue.name,
            counts: await queue.getJobCounts(),
          })),
        );
        this.reset();
        for (const result of counted) {
          if (result.status !== 'fulfilled') continue;
          for (const [state, count] of Object.entries(result.value.counts)) {
            this.set({ queue: result.value.queue, state }, count);
          }
        }
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status }, seconds);
  }

  /** The loader's batch: its size, its duration and each submission's wait. */
  observeBatch(batch: LoaderBatch): void {
    this.batchSize.observe(batch.submissions);
    this.batchDuration.observe(batch.ms / 1000);
    for (const { ms, submissions } of batch.latencies) {
      this.loadLatency.observe(ms / 1000, submissions);
    }
  }

  /** A committed batch's outcomes (the `reports.loaded` event's counts). */
  observeLoaded(event: ReportsLoadedEvent): void {
    for (const [outcome, count] of Object.entries(event.counts)) {
      if (count > 0) this.reports.inc({ outcome }, count);
    }
  }

  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
