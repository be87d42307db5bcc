// The public surface of @pantau/domain.
export * from './pillars';
export * from './catalogue';
export * from './scoring';
export * from './periods';
export * from './timestamps';
export * from './report.schema';
export * from './validate-report';
export * from './csv-row';
export * from './hierarchy';
export * from './events';
export * from './cadre.schema';
export * from './text';
export * from './csv-cell';
export * from './quality';
export * from './history-flags';
export * from './peer-flags';
