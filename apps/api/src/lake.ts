// The API process's lake publisher: on unless LAKE=off, logging each version it publishes.
import { join } from 'node:path';
import { LakePublisher, type Warehouse } from '@pantau/warehouse';
import type { Logger } from './logger';

export const LAKE_DIR = 'lake';

export function startLake(
  env: { LAKE: 'on' | 'off'; LAKE_INTERVAL_S: number; DATA_DIR: string },
  warehouse: Warehouse,
  logger: Logger,
): LakePublisher | null {
  if (env.LAKE === 'off') return null;
  const log = logger.child({ module: 'lake' });
  const lake = new LakePublisher({
    warehouse,
    dir: join(env.DATA_DIR, LAKE_DIR),
    intervalMs: env.LAKE_INTERVAL_S * 1_000,
    onPublished(manifest, { ms, changedPartitions }) {
      log.info(
        { version: manifest.version, changed_partitions: changedPartitions, ms },
        'lake version published',
      );
    },
    onError(error) {
      log.warn({ err: error }, 'could not publish the lake: the previous version stays');
    },
  });
  lake.start();
  return lake;
}
