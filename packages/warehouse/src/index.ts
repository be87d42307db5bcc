// The public surface of @pantau/warehouse.
export * from './schema';
export * from './warehouse';
export { countAreas, type HierarchyCounts } from './hierarchy/load-hierarchy';
export * from './writes/apply-submissions';
export * from './writes/refresh-area-scores';
export * from './queries/scope';
export * from './queries/areas.queries';
export * from './queries/scores.queries';
export * from './queries/distribution.queries';
export * from './queries/completeness.queries';
export * from './queries/villages.queries';
export * from './writes/cadres.writes';
export * from './queries/freshness.queries';
