// Signing a browser page in as a role, the way a person does: a token from the API, typed into
// /masuk, which keeps it in the session cookie for reads.
import type { Page } from 'playwright-core';
import { inject } from 'vitest';

/** Issues a token of `role` with the run's admin token; returns its secret. */
export async function issueToken(role: string, scope?: string): Promise<string> {
  const response = await fetch(`${inject('apiUrl')}/api/v1/tokens`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${inject('adminToken')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: `e2e ${role}`, role, scope }),
  });
  if (response.status !== 201)
    throw new Error(`could not issue a ${role} token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Signs `page` in on the dashboard at `base` with `token`, and waits to be sent to `next`. */
export async function signIn(page: Page, base: string, token: string, next = '/'): Promise<void> {
  await page.goto(`${base}/masuk?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Token API').fill(token);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL(`${base}${next}`);
}
