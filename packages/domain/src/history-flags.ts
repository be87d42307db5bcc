// The `history` and `stuck` flags (DESIGN.md "Data quality flags") of one village's reports,
// computed over plain arrays: the loader reads the villages' recent reports as numeric columns
// and judges each value here (a join of every value to its window, in SQL, cost the loader
// half its throughput). Medians are rounded as DuckDB's `median` rounds them, so these flags
// equal the definition's SQL over the stored reports exactly.
import {
  HISTORY_MIN_VALUES,
  HISTORY_WINDOW,
  MODIFIED_Z_FACTOR,
  MODIFIED_Z_THRESHOLD,
  STUCK_SCORE,
  STUCK_WINDOW,
} from './quality';
import { insertSorted } from './sorted-insert';

/** One village's reports, oldest first; a missing value is NaN. */
export interface VillageRows {
  /** Month numbers (year × 12 + month), ascending. */
  months: ArrayLike<number>;
  /** Whether each report's flags are to be computed (the others are only windows). */
  targets: ArrayLike<boolean | number>;
  /** Row by row: indicator k of row i at `i * continuous.length + k`. */
  values: ArrayLike<number>;
  /** Per checked indicator: whether `stuck` checks it. */
  continuous: readonly boolean[];
}

export interface SeriesFlag {
  /** Row of the flagged report. */
  row: number;
  /** Index of the indicator in a row. */
  indicator: number;
  method: 'history' | 'stuck';
  value: number;
  baseline: number;
  score: number;
}

/** Reports a window needs before either method can flag: fewer, and no value is judged. */
const MIN_WINDOW = Math.min(HISTORY_MIN_VALUES, STUCK_WINDOW);

// Scratch space for one window (at most HISTORY_WINDOW values), kept sorted while filled:
// insertion into a dozen numbers beats allocating and sorting views, value after value.
const window = new Float64Array(HISTORY_WINDOW);
const deviations = new Float64Array(HISTORY_WINDOW);

/** The median of the first `n` items of a sorted array, rounded as DuckDB's `median`. */
function sortedMedian(sorted: Float64Array, n: number): number {
  const half = n >> 1;
  return n % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/** The MAD of the sorted first `n` items of `window` around their `median`. */
function windowMad(n: number, median: number): number {
  for (let i = 0; i < n; i++) insertSorted(deviations, i, Math.abs(window[i]! - median));
  return sortedMedian(deviations, n);
}

/** Margin on the shortcut's bound, far above the rounding of the score's few operations. */
const BOUND_MARGIN = 1 + 1e-9;

/**
 * Whether `value` can score above the threshold against the sorted first `n` items of `window`
 * and their `median`, without sorting the deviations: when more than the lower half of the
 * deviations are at least the largest MAD that would flag it, the MAD is too (its median is at
 * least its lower middle item), and the value is not flagged. Most values end here.
 */
function mayOutlie(n: number, median: number, value: number): boolean {
  const bound =
    ((Math.abs(value - median) * MODIFIED_Z_FACTOR) / MODIFIED_Z_THRESHOLD) * BOUND_MARGIN;
  let below = 0;
  for (let i = 0; i < n; i++) if (Math.abs(window[i]! - median) < bound) below++;
  return below > (n - 1) >> 1;
}

/**
 * The flags of one village's target rows: each value against the values of the
 * HISTORY_WINDOW months before it.
 */
export function villageSeriesFlags(rows: VillageRows, emit: (flag: SeriesFlag) => void): void {
  const { months, targets, values, continuous } = rows;
  const width = continuous.length;
  for (let row = 0; row < months.length; row++) {
    if (!targets[row]) continue;
    const month = months[row]!;
    // The rows of the window: months [month − HISTORY_WINDOW, month − 1].
    let first = row;
    while (first > 0 && months[first - 1]! >= month - HISTORY_WINDOW) first--;
    if (row - first < MIN_WINDOW) continue;
    for (let indicator = 0; indicator < width; indicator++) {
      const value = values[row * width + indicator]!;
      if (Number.isNaN(value)) continue;
      let n = 0;
      // Values of the STUCK_WINDOW months right before that equal this one (one report a month).
      let sameRecent = 0;
      for (let r = first; r < row; r++) {
        const v = values[r * width + indicator]!;
        if (Number.isNaN(v)) continue;
        insertSorted(window, n++, v);
        if (v === value && months[r]! >= month - STUCK_WINDOW) sameRecent++;
      }
      if (continuous[indicator] && value !== 0 && sameRecent === STUCK_WINDOW)
        emit({ row, indicator, method: 'stuck', value, baseline: value, score: STUCK_SCORE });
      if (n < HISTORY_MIN_VALUES) continue;
      const median = sortedMedian(window, n);
      if (!mayOutlie(n, median, value)) continue;
      const mad = windowMad(n, median);
      if (!(mad > 0)) continue;
      const score = (MODIFIED_Z_FACTOR * (value - median)) / mad;
      if (Math.abs(score) > MODIFIED_Z_THRESHOLD)
        emit({ row, indicator, method: 'history', value, baseline: median, score });
    }
  }
}
