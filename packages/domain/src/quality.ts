// The data quality rules of DESIGN.md ("Data quality flags"): methods, thresholds, follow-up states.
import { INDICATORS, type Unit } from './catalogue';

export const QUALITY_METHODS = ['history', 'peer', 'stuck'] as const;
export type QualityMethod = (typeof QUALITY_METHODS)[number];

export const QUALITY_STATUSES = ['open', 'confirmed', 'false_alarm'] as const;
export type QualityStatus = (typeof QUALITY_STATUSES)[number];

/** Iglewicz–Hoaglin: Mz = 0.6745 · (x − median) / MAD, flagged when abs(Mz) exceeds 3.5. */
export const MODIFIED_Z_FACTOR = 0.6745;
export const MODIFIED_Z_THRESHOLD = 3.5;

/** `history`: the village's own values in the 12 periods before, at least 6 of them. */
export const HISTORY_WINDOW = 12;
export const HISTORY_MIN_VALUES = 6;

/** `peer`: the other villages of the kecamatan in the same period, at least 8 of them. */
export const PEER_MIN_VALUES = 8;

/** `stuck`: the same non-zero value in each of the 5 periods right before; its score is fixed. */
export const STUCK_WINDOW = 5;
export const STUCK_SCORE = 6;

/** Units checked by `history` and `peer`: booleans and ordinals have too few values to judge. */
const MEASURED_UNITS: readonly Unit[] = ['percent', 'count', 'ratio', 'rupiah'];
/** Units checked by `stuck`: a count or a level may well stay the same for months. */
const CONTINUOUS_UNITS: readonly Unit[] = ['percent', 'ratio', 'rupiah'];

/** Indicator codes `history` and `peer` check. */
export const MEASURED_INDICATORS = INDICATORS.filter((i) => MEASURED_UNITS.includes(i.unit)).map(
  (i) => i.code,
);

/** Indicator codes `stuck` checks. */
export const CONTINUOUS_INDICATORS = INDICATORS.filter((i) =>
  CONTINUOUS_UNITS.includes(i.unit),
).map((i) => i.code);
