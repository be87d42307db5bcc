// With reads closed (PUBLIC_READ=off), an analyst signs in with an API token: the 401 page offers
// it, a wrong token is refused in words, the right one opens the overview with the live stream, and
// the session never lends its token to a write. Its own API (on an empty data dir) and dashboard.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { see, seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';
import type { ServerProcess } from './support/processes';
import { dropQueueKeys, startApi, startDashboard, stopServer } from './support/servers';

const flow = browserFlow();
const TOKEN = randomBytes(24).toString('base64url');

describe('signing in when reads are closed', () => {
  const servers: ServerProcess[] = [];
  const queuePrefix = `e2e-closed-${process.pid}-${Date.now()}`;
  let tmp = '';
  let base = '';
  let apiUrl = '';

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'pantau-e2e-closed-'));
    const api = await startApi({
      name: 'api-closed',
      dataDir: join(tmp, 'data'),
      redisUrl: inject('redisUrl'),
      queuePrefix,
      adminToken: TOKEN,
      publicRead: false,
    });
    servers.push(api.server);
    apiUrl = api.url;
    const dashboard = await startDashboard('dashboard-closed', api.url, '/masuk');
    servers.push(dashboard.server);
    base = dashboard.url;
  });

  afterAll(async () => {
    for (const server of servers.reverse()) await stopServer(server);
    await dropQueueKeys(inject('redisUrl'), queuePrefix);
    await rm(tmp, { recursive: true, force: true });
  });

  it('asks for a token, refuses a wrong one, and opens the overview with the right one', async () => {
    const { page, problems } = await flow.open();
    await page.goto(`${base}/`);
    await seeHeading(page, 'Terjadi masalah (401)');
    await page.getByRole('link', { name: 'Masuk dengan token API' }).click();
    await seeHeading(page, 'Masuk dengan token API');

    await page.getByLabel('Token API').fill('not-a-token');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(await see(page.getByRole('alert'))).toBe('Token tidak dikenal atau sudah dicabut.');

    await page.getByLabel('Token API').fill(TOKEN);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(`${base}/`);
    await visit(page, `${base}/`, problems);
    await seeHeading(page, 'Ringkasan nasional');

    // The session reads; it never writes: a POST without its own token is refused.
    const write = await page.evaluate(async () => {
      const response = await fetch('/api/v1/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', role: 'analyst' }),
      });
      return response.status;
    });
    expect(write).toBe(401);
    // The only problems are the refusals the flow asked for: 401s before signing in and for the
    // write, and the 400 of the wrong token.
    expect(problems.filter((p) => !/\b40[01]\b/.test(p))).toEqual([]);
  });

  it('refuses a sign-in body larger than a token could be, with 413', async () => {
    const response = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(64 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { code: 'payload_too_large', details: [{ limit_bytes: 4096 }] },
    });
  });

  it('goes back only to a page of this site, whatever the sign-in link says', async () => {
    const { page, problems } = await flow.open();
    // A tab the browser would strip after the check: /\t/evil.example becomes //evil.example.
    for (const next of [
      '%2F%09%2Fevil.example',
      '%2F%5Cevil.example',
      'https%3A%2F%2Fevil.example',
    ]) {
      await page.goto(`${base}/masuk?next=${next}`);
      await page.getByLabel('Token API').fill(TOKEN);
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await page.waitForURL(`${base}/`);
      await seeHeading(page, 'Ringkasan nasional');
    }
    expect(problems.filter((p) => !/\b401\b/.test(p))).toEqual([]);
  });

  it('takes a regional lead to its province, from the overview and from a refused page', async () => {
    const issued = await fetch(`${apiUrl}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Jambi lead', role: 'lead', scope: '15' }),
    });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };

    const { page, problems } = await flow.open();
    await page.goto(`${base}/masuk?next=/`);
    await page.getByLabel('Token API').fill(token);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // The national overview is not the lead's to read: its overview is its own province.
    await page.waitForURL(`${base}/explore/15`);
    await seeHeading(page, 'Jambi');
    await see(page.getByText('Terhubung langsung'));

    // A national page refused (403) says so and leads back to the lead's area.
    await page.goto(`${base}/completeness`);
    await seeHeading(page, 'Terjadi masalah (403)');
    await page.getByRole('link', { name: 'Buka wilayah token Anda (15)' }).click();
    await page.waitForURL(`${base}/explore/15`);
    await seeHeading(page, 'Jambi');
    // Refused: the live stream before signing in (401) and the national completeness page (403).
    expect(problems.filter((p) => !/\b40[13]\b/.test(p))).toEqual([]);
  });
});
