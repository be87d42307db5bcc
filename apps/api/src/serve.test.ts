import { afterAll, expect, it } from 'vitest';
import { serveApi } from './serve';

const server = serveApi({ fetch: () => new Response('ok') }, 0, () => undefined);

afterAll(() => {
  server.close();
});

it('never cuts an upload for the time it takes (no whole-request timeout)', () => {
  // Node's default of 300 s cut imports of large files mid-upload.
  expect(server.requestTimeout).toBe(0);
  expect(server.headersTimeout).toBeGreaterThan(0);
});
