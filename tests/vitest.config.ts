// Cross-package tests. `integration` runs the pipeline in-process against real Redis and DuckDB;
// `e2e` drives the built dashboard and a real API in Chromium: its global setup seeds a data dir
// and starts the servers once, and its files run one after another. `npm test` here runs the two
// projects one after the other, after every package's unit tests (turbo.json), so that browser
// timings never compete with other suites for the machine's two cores.
import { defineConfig } from 'vitest/config';

/** A browser flow navigates several pages, each rendering charts from a cold server. */
const E2E_TEST_TIMEOUT_MS = 120_000;
/** Seeding, starting the API (which opens DuckDB) and the dashboard. */
const E2E_SETUP_TIMEOUT_MS = 300_000;

/** Integration tests run a whole pipeline (Redis, DuckDB, workers) per file. */
const INTEGRATION_TIMEOUT_MS = 60_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'integration',
          include: ['integration/**/*.test.ts'],
          testTimeout: INTEGRATION_TIMEOUT_MS,
          hookTimeout: INTEGRATION_TIMEOUT_MS,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: E2E_TEST_TIMEOUT_MS,
          hookTimeout: E2E_SETUP_TIMEOUT_MS,
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
    ],
  },
});
