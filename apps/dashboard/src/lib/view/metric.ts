// Reading the chosen metric (the DCI or one pillar) off a row of scores.
import type { PillarScores } from '@pantau/domain';
import type { Metric } from '$lib/i18n';

export interface Scored {
  dci: number | null;
  pillars: PillarScores;
}

export function metricValue(row: Scored | null | undefined, metric: Metric): number | null {
  if (!row) return null;
  return metric === 'dci' ? row.dci : row.pillars[metric];
}
