// What the generator yields: a report in JSON form, tagged with the kind of row it is meant to be.
import type { IndicatorValue } from '@pantau/domain';

/** Rows the validators must reject, one kind per way a real submission goes wrong. */
export const INVALID_KINDS = [
  'unknown-village',
  'unknown-indicator',
  'out-of-range',
  'wrong-type',
  'malformed-period',
  'malformed-submitted-at',
  'period-after-submission',
  'missing-field',
  'decimal-comma',
] as const;

export type InvalidKind = (typeof INVALID_KINDS)[number];

/** A decimal comma only exists in spreadsheets: generated for CSV output only. */
export const CSV_ONLY_KINDS: readonly InvalidKind[] = ['decimal-comma'];

/** `valid` is a village's report for a month; `correction` replaces it with a later one. */
export type ItemKind = 'valid' | 'correction' | InvalidKind;

/** The output the generator shapes its faults for (a wrong type looks different in each). */
export type OutputFormat = 'json' | 'csv';

/**
 * A value as written: invalid rows may hold a string where the catalogue wants a number or a
 * boolean (the CSV writer writes strings verbatim).
 */
export type SimulatedValue = IndicatorValue | string;

/** The JSON form of DESIGN.md; fields are optional because a `missing-field` row lacks one. */
export interface SimulatedReport {
  report_id?: string;
  cadre_id?: string;
  village_code?: string;
  period?: string;
  submitted_at?: string;
  indicators?: Record<string, SimulatedValue>;
  notes?: string;
}

export interface SimulatedItem {
  kind: ItemKind;
  report: SimulatedReport;
  /**
   * For invalid kinds, the field the validator must name, as a JSON path (`period`,
   * `indicators.mob_signal_level`); CSV errors name the column (`mob_signal_level`).
   */
  field?: string;
}

/** Whether a correct ingestion accepts the item (valid reports and their corrections). */
export function isAcceptedKind(kind: ItemKind): kind is 'valid' | 'correction' {
  return kind === 'valid' || kind === 'correction';
}
