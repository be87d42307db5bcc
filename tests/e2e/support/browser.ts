// Debian's Chromium through playwright-core, and pages that record every console error and failed
// request so a test fails on them.
import { readFile } from 'node:fs/promises';
import { CHROMIUM_FLAGS } from '@pantau/api/pdf-renderer';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** How long a person would wait for something to appear. */
export const SEE_TIMEOUT_MS = 20_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** Frames of an uncaught error's stack kept in a problem, enough to find it in the bundle. */
const STACK_FRAMES = 4;

/** The message and the first frames of the stack: where in the bundle it was thrown. */
function describeError(error: Error): string {
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, STACK_FRAMES)
    .map((line) => line.trim());
  return [error.message, ...frames].join(' | ');
}

/** A page in a fresh context that records what would show up red in DevTools. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(SEE_TIMEOUT_MS);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${describeError(error)}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // The page itself cancels requests (navigating away, closing the live stream): not failures.
    if (failure.includes('ERR_ABORTED')) return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${failure})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return {
    page,
    problems,
    close: () => context.close(),
  };
}

/** Waits until `locator` is visible and returns its text. */
export async function see(locator: Locator): Promise<string> {
  await locator.first().waitFor({ state: 'visible' });
  return (await locator.first().innerText()).trim();
}

/** Waits until a chart (an ECharts SVG with drawn marks) is visible inside `scope`. */
export async function seeChart(scope: Locator): Promise<void> {
  await scope.locator('[role="img"] svg path').first().waitFor({ state: 'attached' });
}

/**
 * Opens `url` and waits until the page is running in the browser: the header then says the live
 * stream is connected, which is also when a person can use search and pickers.
 */
export async function visit(page: Page, url: string, problems?: readonly string[]): Promise<void> {
  await page.goto(url);
  try {
    await page
      .getByText(/^(Terhubung langsung|Live)$/)
      .first()
      .waitFor({ state: 'visible' });
  } catch (error) {
    // Say what the page showed instead, and what went wrong in it, not only that it timed out.
    const status = await page
      .locator('header .live')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `${url} never said the live stream is connected (header status: ${JSON.stringify(status)}; ` +
        `problems: ${JSON.stringify(problems ?? [])})`,
      { cause: error },
    );
  }
}

/** Waits for the page's main heading to read `name`. */
export async function seeHeading(page: Page, name: string): Promise<string> {
  return see(page.getByRole('heading', { level: 1, name, exact: true }));
}

/** A file the page gave the browser to save: the name it suggested and what it holds. */
export interface SavedFile {
  name: string;
  bytes: Buffer;
}

/** Does what a person does to download (`start`: a click, a key) and returns the saved file. */
export async function saveDownload(page: Page, start: () => Promise<unknown>): Promise<SavedFile> {
  const [file] = await Promise.all([page.waitForEvent('download'), start()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}
