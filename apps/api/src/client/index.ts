// @pantau/api/client: the typed client of a running API, without the server's own code.
export * from './api-client';
export * from './imports';
