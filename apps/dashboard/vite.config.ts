// Vite build of the dashboard; unit tests (chart builders, pure helpers) run with Vitest.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: { port: 5173 },
  build: {
    // The tree-shaken ECharts is one ~620 kB (~210 kB gzip) chunk that every page shares; each
    // page's first load is held under 400 kB gzip by tests/e2e/first-load-budget.e2e.test.ts.
    // @pantau/domain declares "sideEffects": false, so the zod schemas of the ingest contract,
    // which the browser never uses, are left out.
    chunkSizeWarningLimit: 700,
  },
});
