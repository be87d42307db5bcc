// SvelteKit configuration: Node adapter, TypeScript through Vite, runes everywhere, and the
// Content-Security-Policy of every page.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter(),
    csp: {
      // Pages are rendered per request: SvelteKit puts a fresh nonce on its one inline script
      // and in script-src; no other inline script runs.
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // Inline style attributes (Svelte's style: directives, ECharts' tooltips); styles
        // cannot run code.
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        // The API is reached through this site's own /api proxy, the live stream included.
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
