// HTML to PDF with headless Chromium (playwright-core driving the system's browser): one browser
// started on first use and kept, one fresh page per document.
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
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
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string) {}

  private async launch(): Promise<Browser> {
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
      browser.on('disconnected', () => (this.browser = null));
      return browser;
    } catch (error) {
      throw new ChromiumMissing(this.executablePath, (error as Error).message.split('\n')[0]!);
    }
  }

  private started(): Promise<Browser> {
    this.browser ??= this.launch();
    this.browser.catch(() => (this.browser = null));
    return this.browser;
  }

  /** The document printed on A4 as its own @page rules say, backgrounds included. */
  async pdf(html: string): Promise<Buffer> {
    const browser = await this.started();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(RENDER_TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    await (await browser?.catch(() => null))?.close();
  }
}
