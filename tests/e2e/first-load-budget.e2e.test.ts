// Each page's first load (cold cache) ships under 400 KB of gzipped JavaScript. Prints the figures.
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { see } from './support/browser';
import { browserFlow } from './support/flow';
import { PAGES, TOKEN_STORAGE_KEY } from './support/pages';

const flow = browserFlow();
const BUDGET_BYTES = 400 * 1024;
const KB = 1024;

describe('first-load JavaScript', () => {
  const figures: string[] = [];

  for (const target of PAGES) {
    it(`stays under 400 KB gzipped on ${target.name} (${target.path})`, async () => {
      const { page, problems } = await flow.open();
      if (target.needsToken) {
        await page.addInitScript(
          ([key, token]) => sessionStorage.setItem(key!, token!),
          [TOKEN_STORAGE_KEY, inject('adminToken')],
        );
      }
      const scripts = new Map<string, number>();
      page.on('response', async (response) => {
        const type = response.headers()['content-type'] ?? '';
        if (!type.includes('javascript') || response.status() !== 200) return;
        const body = await response.body().catch(() => null);
        if (body) scripts.set(response.url(), gzipSync(body, { level: 9 }).length);
      });
      await page.goto(`${flow.base}${target.path}`, { waitUntil: 'networkidle' });
      await see(page.getByText(target.ready).first());
      const total = [...scripts.values()].reduce((sum, n) => sum + n, 0);
      figures.push(
        `${target.name.padEnd(13)} ${(total / KB).toFixed(1).padStart(6)} KB gzip in ${scripts.size} files`,
      );
      process.stdout.write(`first-load JS ${figures.at(-1)}\n`);
      expect(total).toBeLessThan(BUDGET_BYTES);
      expect(problems).toEqual([]);
    });
  }
});
