// The public surface of @pantau/ingest: queues, workers, the loader and imports.
export * from './queues';
export * from './redis-checks';
export * from './validate/validate.job';
export * from './validate/validate.processor';
export * from './validate/validate.worker';
export * from './load/load.job';
export * from './load/load-hand-over';
export * from './load/loader';
export * from './load/load.processor';
export * from './imports/import-records';
export * from './imports/enqueue-import';
export * from './imports/dry-run';
export * from './imports/dry-run-errors';
export * from './imports/import-lifecycle';
export * from './failed-jobs';
export * from './imports/csv-records';
