// Small sorted scratch arrays for the quality flags' medians: a window or a kecamatan holds a
// dozen values, and insertion into them beats allocating and sorting, value after value.

/** Inserts `value` into the sorted first `n` items of `into`. */
export function insertSorted(into: Float64Array, n: number, value: number): void {
  let i = n;
  while (i > 0 && into[i - 1]! > value) {
    into[i] = into[i - 1]!;
    i--;
  }
  into[i] = value;
}
