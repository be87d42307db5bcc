// A route test file's app: a test app with the read fixture, opened before the file's tests and
// closed after them.
import { afterAll, beforeAll } from 'vitest';
import type { AppDeps } from '../deps';
import { bearer, getJson, loadReadFixture, type JsonResponse } from './read-fixture';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from './test-app';

export interface ReadApp {
  /** The running test app (inside a test or hook). */
  readonly t: TestApp;
  /** GET `path` (under /api/v1) as the bootstrap admin, or with `init`'s headers. */
  get(path: string, init?: RequestInit): Promise<JsonResponse>;
}

/** Call at the top of a test file. */
export function useReadApp(overrides: Partial<AppDeps> = {}): ReadApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(overrides);
    await loadReadFixture(app.warehouse);
  });
  afterAll(async () => {
    await app?.close();
  });
  const current = (): TestApp => {
    if (!app) throw new Error('the test app is not open yet (use it inside a test or hook)');
    return app;
  };
  return {
    get t() {
      return current();
    },
    get: (path, init = bearer(TEST_ADMIN_TOKEN)) => getJson(current().app, path, init),
  };
}
