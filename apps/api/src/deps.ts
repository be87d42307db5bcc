// What the API is built from; main.ts wires the real ones, tests their own (real DuckDB, Redis).
import type { ValidationContext } from '@pantau/domain';
import type { Queues } from '@pantau/ingest';
import type { Warehouse } from '@pantau/warehouse';
import type { Redis } from 'ioredis';
import type { LiveFeed } from './live/live-feed';
import type { Logger } from './logger';

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
  villages: ValidationContext;
  /** Where dry-run uploads are spooled while they are checked. */
  spoolDir: string;
  /** Request-body limits in bytes (REPORTS_MAX_BYTES, CADRES_MAX_BYTES). */
  limits: BodyLimits;
}

export interface BodyLimits {
  reportsMaxBytes: number;
  cadresMaxBytes: number;
}
