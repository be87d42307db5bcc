// The public surface of @pantau/simulator: seeded villages, roster, reports, writers and live streaming.
export * from './simulated-item';
export * from './enrolment';
export * from './roster';
export * from './generate-reports';
export { UNKNOWN_INDICATOR_CODES } from './invalid-rows';
export { LATE_SHARE, formatJakarta } from './submission-time';
export { TREND_EPOCH } from './maturity';
export * from './csv-writer';
export * from './ndjson-writer';
export type { WriteSummary } from './write-lines';
export * from './report-sinks';
export * from './stream-live';
export { MAX_MISTAKE_RATE } from './mistakes';
