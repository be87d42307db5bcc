// Screenshots of every dashboard page at desktop (1366×768) and phone (390×844) size, full page,
// for a person to look at. Usage: tsx scripts/screenshots.ts <dashboard-url> [out-dir] [token]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP, launchBrowser, openPage, PHONE } from '../e2e/support/browser';

const PAGES: [name: string, path: string][] = [
  ['overview', '/'],
  ['overview-en-pillar', '/?lang=en&pillar=economy'],
  ['explore-jambi', '/explore/15'],
  ['explore-merangin', '/explore/15.02'],
  ['explore-bangko', '/explore/15.02.02'],
  ['village-kungkai', '/village/15.02.02.2004'],
  ['compare-jambi', '/compare?areas=15.01,15.02,15.03'],
  ['completeness', '/completeness'],
  ['completeness-merangin', '/completeness?level=district&parent=15.02'],
  ['kualitas', '/kualitas'],
  ['kualitas-merangin-en', '/kualitas?parent=15.02&lang=en'],
  ['pipeline', '/pipeline'],
  ['bulletin-merangin', '/buletin/15.02'],
  ['bulletins', '/buletin'],
];

/** Charts animate in; wait for them to settle before the picture. */
const SETTLE_MS = 1_200;

const [base = 'http://127.0.0.1:5173', out = '/tmp/shots', token] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launchBrowser();
try {
  for (const [sizeName, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    for (const [name, path] of PAGES) {
      const watched = await openPage(browser, viewport);
      if (token) {
        await watched.page.addInitScript((t) => sessionStorage.setItem('pantau.token', t), token);
      }
      await watched.page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      await watched.page.waitForTimeout(SETTLE_MS);
      const overflow = await watched.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) watched.problems.push(`page is ${overflow}px wider than the viewport`);
      const file = join(out, `${name}-${sizeName}.png`);
      await watched.page.screenshot({ path: file, fullPage: true });
      const problems = watched.problems.length ? ` PROBLEMS: ${watched.problems.join(' | ')}` : '';
      process.stdout.write(`${file}${problems}\n`);
      await watched.close();
    }
  }
} finally {
  await browser.close();
}
