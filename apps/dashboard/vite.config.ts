// Vite build of the dashboard; unit tests (chart builders, pure helpers) run with Vitest.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/**
 * @pantau/domain's modules only declare things. Saying so lets the bundler drop the ones the
 * browser never uses — the zod schemas of the ingest contract — from the dashboard's JavaScript.
 */
const DOMAIN_SOURCES = /[\\/]packages[\\/]domain[\\/]src[\\/]/;

export default defineConfig({
  plugins: [sveltekit()],
  server: { port: 5173 },
  build: {
    // The tree-shaken ECharts is one ~620 kB (~210 kB gzip) chunk that every page shares; each
    // page's first load is held under 400 kB gzip by tests/e2e/first-load-budget.e2e.test.ts.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id: string) => !DOMAIN_SOURCES.test(id),
      },
    },
  },
});
