// Every page goes out with its Content-Security-Policy (a nonce for SvelteKit's own inline script,
// no inline scripts otherwise), may not be framed, and still comes to life in the browser.
import { describe, expect, it } from 'vitest';
import { seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';

const flow = browserFlow();

/** The directives of a CSP header, by name. */
function directives(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("the dashboard's pages", () => {
  it('carry a CSP without unsafe-inline scripts, and the security headers', async () => {
    const response = await fetch(`${flow.base}/explore/15.02`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const csp = directives(response.headers.get('content-security-policy') ?? '');
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    // The page's one inline script carries the nonce the header names.
    const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('come to life under that policy, with nothing refused', async () => {
    const { page, problems } = await flow.open();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    // The live stream connects only once the page is running in the browser.
    await visit(page, `${flow.base}/`, problems);
    await seeHeading(page, 'Ringkasan nasional');
    await visit(page, `${flow.base}/completeness`, problems);
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuse to be shown in a frame of another site', async () => {
    const { page } = await flow.open();
    const blocked = page.waitForEvent('console', {
      predicate: (message) => /frame-ancestors/.test(message.text()),
    });
    await page.setContent(`<iframe src="${flow.base}/" title="embedded"></iframe>`);
    expect((await blocked).text()).toContain("frame-ancestors 'none'");
  });
});
