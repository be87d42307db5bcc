// What the API is built from; main.ts wires the real ones, tests their own (real DuckDB, Redis).
import type { VillageDirectory } from '@pantau/domain';
import type { Loader, Queues } from '@pantau/ingest';
import type { Warehouse } from '@pantau/warehouse';
import type { Redis } from 'ioredis';
import type { PdfRenderer } from './bulletins/pdf-renderer';
import type { LiveFeed } from './live/live-feed';
import type { Logger } from './logger';
import type { ApiMetrics } from './metrics/api-metrics';

export interface AppDeps {
  warehouse: Warehouse;
  redis: Redis;
  live: LiveFeed;
  logger: Logger;
  /** Bootstrap admin token (ADMIN_TOKEN). */
  adminToken: string;
  /** Anonymous users may read (PUBLIC_READ=on). */
  publicRead: boolean;
  clock: () => Date;
  /** The pipeline's queues: API submissions and imports go to `reports.validate`. */
  queues: Queues;
  /** Village lookup for checks the API does itself (the roster, dry runs). */
  villages: VillageDirectory;
  /** Where dry-run uploads are spooled while they are checked. */
  spoolDir: string;
  limits: ApiLimits;
  /** What the API found of Redis at start that /health must tell (no persistence, say). */
  redisWarnings: readonly string[];
  /** The loader this process runs; null where the API is built alone (route tests). */
  loader: Loader | null;
  /** The process's Prometheus metrics (GET /metrics); the loader feeds them too. */
  metrics: ApiMetrics;
  /** Bulletins: Chromium to print them, and DATA_DIR/bulletins where the monthly editions lie. */
  bulletins: { renderer: PdfRenderer; dir: string };
}

export interface ApiLimits {
  /** IMPORT_MAX_BYTES and SPOOL_QUOTA_BYTES. */
  imports: { maxBytes: number; spoolQuotaBytes: number };
  /** Request-body limits in bytes (REPORTS_MAX_BYTES, CADRES_MAX_BYTES). */
  reportsMaxBytes: number;
  cadresMaxBytes: number;
  /** Reports per minute per token on POST /reports: machine clients, and cadres. */
  submitPerMinute: number;
  submitPerMinuteCadre: number;
  /** READ_CACHE_BYTES: memory for cached read responses. */
  readCacheBytes: number;
}

/** The variables the limits come from (their defaults are documented in @pantau/config). */
export const LIMIT_VARS = [
  'IMPORT_MAX_BYTES',
  'SPOOL_QUOTA_BYTES',
  'REPORTS_MAX_BYTES',
  'CADRES_MAX_BYTES',
  'SUBMIT_PER_MINUTE',
  'SUBMIT_PER_MINUTE_CADRE',
  'READ_CACHE_BYTES',
] as const;

export function apiLimits(env: Record<(typeof LIMIT_VARS)[number], number>): ApiLimits {
  return {
    imports: { maxBytes: env.IMPORT_MAX_BYTES, spoolQuotaBytes: env.SPOOL_QUOTA_BYTES },
    reportsMaxBytes: env.REPORTS_MAX_BYTES,
    cadresMaxBytes: env.CADRES_MAX_BYTES,
    submitPerMinute: env.SUBMIT_PER_MINUTE,
    submitPerMinuteCadre: env.SUBMIT_PER_MINUTE_CADRE,
    readCacheBytes: env.READ_CACHE_BYTES,
  };
}
