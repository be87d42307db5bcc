// Values a write inlines into its SQL as constants. A scan filtered by a constant list of periods
// skips the row groups whose period range holds none of them (DuckDB's zone maps); a join with a
// temp table or a parameter does not. Reports of the current month are the table's last row
// groups, so a live transaction reads those instead of every stored report. A statement without
// parameters is one call into DuckDB, and several of them can share one (apply-submissions.ts).
import { isPeriod } from '@pantau/domain';

/** `'2026-11', '2026-12'`: the periods as SQL literals, for `period IN (…)`. */
export function periodLiterals(periods: Iterable<string>): string {
  const unique = [...new Set(periods)].sort();
  if (unique.length === 0) throw new RangeError('periodLiterals needs at least one period');
  for (const period of unique) {
    // Only well-formed periods are ever inlined: nothing but digits and a dash reaches the SQL.
    if (!isPeriod(period)) throw new RangeError(`malformed period "${period}"`);
  }
  return unique.map((period) => `'${period}'`).join(', ');
}

/** A time as a TIMESTAMPTZ literal; toISOString writes only digits, dashes, colons and dots. */
export function timestampLiteral(time: Date): string {
  return `'${time.toISOString()}'::TIMESTAMPTZ`;
}
