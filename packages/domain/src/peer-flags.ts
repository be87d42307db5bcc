// The `peer` flags (DESIGN.md "Data quality flags") of one (kecamatan, period, indicator) scope,
// computed over a plain array: each value against the other villages' values of its scope.
// Medians are rounded as DuckDB's `median` rounds them, so these flags equal the definition's
// SQL over the stored reports exactly.
import { MODIFIED_Z_FACTOR, MODIFIED_Z_THRESHOLD, PEER_MIN_VALUES } from './quality';
import { insertSorted } from './sorted-insert';

export interface PeerFlag {
  /** Row of the flagged value in the column. */
  row: number;
  value: number;
  baseline: number;
  score: number;
}

// Scratch space, grown to the largest scope seen: a scope's values sorted, and the deviations
// from each of the three medians a value's baseline can be. Filled by insertion (a kecamatan
// has a dozen villages or so), nothing is allocated per scope.
let sorted = new Float64Array(64);
let deviations = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
const medians = new Float64Array(3);

/**
 * The median of a sorted list with one item taken out, `a` and `b` being the 1-based middle
 * ranks of what is left, in each of three cases: the item ranked at or below `a` (the items above
 * it move down one), above `b` (the middle is unchanged), or between them. Rounded as DuckDB's
 * `median`.
 */
function medianWithout(list: Float64Array, a: number, b: number, which: number): number {
  const i = which === 0 ? a + 1 : a;
  const j = which === 1 ? b : b + 1;
  return i === j ? list[i - 1]! : (list[i - 1]! + list[j - 1]!) / 2;
}

/**
 * Which of the three cases an item `x` of a sorted list is in: at or below the lower middle
 * `a` (its first rank is one more than the count of items below it), above `b`, or between.
 */
function caseOf(list: Float64Array, a: number, b: number, x: number): number {
  if (list[a - 1]! >= x) return 0;
  if (list[b - 1]! < x) return 1;
  return 2;
}

/**
 * The peer flags of the non-missing values (NaN is missing) of `column` in rows [start, end),
 * one scope: a value's baseline is the median of the others and its score the modified z-score
 * against their MAD. From the scope sorted once, the median without one value is one of three,
 * and so is the MAD, so a value costs no more than a look at the middle of two sorted lists.
 */
export function scopePeerFlags(
  column: ArrayLike<number>,
  start: number,
  end: number,
  emit: (flag: PeerFlag) => void,
): void {
  if (end - start > sorted.length) {
    sorted = new Float64Array(2 * (end - start));
    deviations = deviations.map(() => new Float64Array(2 * (end - start)));
  }
  let n = 0;
  for (let row = start; row < end; row++) {
    const v = column[row]!;
    if (!Number.isNaN(v)) insertSorted(sorted, n++, v);
  }
  if (n - 1 < PEER_MIN_VALUES) return;
  // The middle ranks of the n − 1 other values.
  const a = n >> 1;
  const b = ((n - 1) >> 1) + 1;
  for (let c = 0; c < 3; c++) {
    const median = (medians[c] = medianWithout(sorted, a, b, c));
    const into = deviations[c]!;
    for (let i = 0; i < n; i++) insertSorted(into, i, Math.abs(sorted[i]! - median));
  }
  for (let row = start; row < end; row++) {
    const value = column[row]!;
    if (Number.isNaN(value)) continue;
    const c = caseOf(sorted, a, b, value);
    const median = medians[c]!;
    const devs = deviations[c]!;
    const mad = medianWithout(devs, a, b, caseOf(devs, a, b, Math.abs(value - median)));
    if (!(mad > 0)) continue;
    const score = (MODIFIED_Z_FACTOR * (value - median)) / mad;
    if (Math.abs(score) > MODIFIED_Z_THRESHOLD) emit({ row, value, baseline: median, score });
  }
}
