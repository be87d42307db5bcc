// The overview's headline numbers, from the province scores, the national trend and the stage bins.
import { STAGES } from '@pantau/domain';
import type { AreaScore, Distribution, TimeseriesPoint } from '$lib/api/endpoints';

export interface OverviewKpis {
  reporting: number;
  expected: number;
  /** reporting / expected; null when no village is expected. */
  rate: number | null;
  dci: number | null;
  dciChange: number | null;
  /** Villages per stage 0–4 for the period. */
  stages: number[];
}

/** Villages per stage from a DCI histogram: each village counts in the stage its bin starts in. */
export function stageCounts(bins: Distribution['bins']): number[] {
  const counts = STAGES.map(() => 0);
  for (const bin of bins) {
    let stage = 0;
    for (const s of STAGES) if (bin.from >= s.min) stage = s.stage;
    counts[stage] = (counts[stage] ?? 0) + bin.count;
  }
  return counts;
}

export function overviewKpis(
  provinces: readonly AreaScore[],
  trend: readonly TimeseriesPoint[],
  bins: Distribution['bins'],
): OverviewKpis {
  const reporting = provinces.reduce((sum, r) => sum + r.villages_reporting, 0);
  const expected = provinces.reduce((sum, r) => sum + r.villages_expected, 0);
  const last = trend.at(-1);
  const previous = trend.at(-2);
  const dci = last?.dci ?? null;
  const dciChange = dci !== null && previous?.dci != null ? dci - previous.dci : null;
  return {
    reporting,
    expected,
    rate: expected > 0 ? reporting / expected : null,
    dci,
    dciChange,
    stages: stageCounts(bins),
  };
}
