// What the API is built from; main.ts wires the real ones, tests their own (real DuckDB, Redis).
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
}
