// HTML to PDF with headless Chromium (playwright-core driving the system's browser): one browser
// started on first use and kept, with a few pages kept between documents.
import { access, constants } from 'node:fs/promises';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ApiError } from '../errors';

/** No sandbox (containers), no GPU, no background traffic to Google; the browser tests use them too. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A document that takes longer than this to print is not coming. */
const RENDER_TIMEOUT_MS = 60_000;

/**
 * Pages kept for the next documents: a new page starts a renderer process (300–400 ms on 2 cores),
 * a kept one prints at once (a print is ~200 ms). The documents are our own HTML, JavaScript off,
 * offline: nothing of one is left for the next, whose content replaces it.
 */
const KEPT_PAGES = 2;

export class ChromiumMissing extends ApiError {
  constructor(executablePath: string, why: string) {
    super(
      503,
      'chromium_unavailable',
      `PDFs are printed by Chromium, which was not found at ${executablePath} (${why}): install it ` +
        '(Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable',
      [{ field: 'CHROMIUM_PATH', value: executablePath }],
    );
    this.name = 'ChromiumMissing';
  }
}

export class PdfRenderer {
  private browser: Promise<BrowserContext> | null = null;
  private kept: Page[] = [];

  constructor(private readonly executablePath: string) {}

  private async launch(): Promise<BrowserContext> {
    try {
      await access(this.executablePath, constants.X_OK);
    } catch {
      throw new ChromiumMissing(this.executablePath, 'no executable file there');
    }
    try {
      const browser = await chromium.launch({
        executablePath: this.executablePath,
        args: CHROMIUM_FLAGS,
        headless: true,
      });
      // A browser that dies (killed, out of memory) is started again by the next render.
      browser.on('disconnected', () => {
        this.browser = null;
        this.kept = [];
      });
      return await browser.newContext({ javaScriptEnabled: false, offline: true });
    } catch (error) {
      throw new ChromiumMissing(this.executablePath, (error as Error).message.split('\n')[0]!);
    }
  }

  private started(): Promise<BrowserContext> {
    this.browser ??= this.launch();
    this.browser.catch(() => (this.browser = null));
    return this.browser;
  }

  /** The document printed on A4 as its own @page rules say, backgrounds included. */
  async pdf(html: string): Promise<Buffer> {
    const page = await this.page();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      if (this.kept.length < KEPT_PAGES) this.kept.push(page);
      else await page.close();
      return pdf;
    } catch (error) {
      // A page that failed (timed out, crashed) is not trusted with the next document.
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  /** A kept page of the running browser, or a new one. */
  private async page(): Promise<Page> {
    for (let page = this.kept.pop(); page; page = this.kept.pop()) {
      if (!page.isClosed()) return page;
    }
    const page = await (await this.started()).newPage();
    page.setDefaultTimeout(RENDER_TIMEOUT_MS);
    return page;
  }

  async close(): Promise<void> {
    const context = this.browser;
    this.browser = null;
    this.kept = [];
    await (await context?.catch(() => null))?.browser()?.close();
  }
}
