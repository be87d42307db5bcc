// What every browser-flow file needs: one Chromium for the file, pages that record problems, and
// the URL of the dashboard the global setup started.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { DESKTOP, launchBrowser, openPage, type WatchedPage } from './browser';

export interface Flow {
  /** The dashboard's base URL, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  /** A fresh page (own context: no cache, no storage) at `viewport`. */
  open(viewport?: { width: number; height: number }): Promise<WatchedPage>;
}

/** Call at the top of a flow file. */
export function browserFlow(): Flow {
  let browser: Browser | undefined;
  const pages: WatchedPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    get base() {
      return inject('dashboardUrl');
    },
    async open(viewport = DESKTOP) {
      if (!browser) throw new Error('the browser is not running yet (use open() inside a test)');
      const page = await openPage(browser, viewport);
      pages.push(page);
      return page;
    },
  };
}
