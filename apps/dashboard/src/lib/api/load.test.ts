import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-error';
import { leadScopeOf, orError, unlessOutOfScope } from './load';
import { isHttpError, isRedirect, redirect } from '@sveltejs/kit';

describe('unlessOutOfScope', () => {
  it("gives null for a lead's out-of-scope refusal and passes every other outcome on", async () => {
    expect(await unlessOutOfScope(Promise.resolve(7))).toBe(7);
    const outside = new ApiRequestError(403, 'forbidden', 'only inside 15', '15');
    expect(await unlessOutOfScope(Promise.reject(outside))).toBeNull();
    const cadre = new ApiRequestError(403, 'forbidden', 'needs a reading role');
    await expect(unlessOutOfScope(Promise.reject(cadre))).rejects.toBe(cadre);
    const down = new TypeError('fetch failed');
    await expect(unlessOutOfScope(Promise.reject(down))).rejects.toBe(down);
  });
});

describe('leadScopeOf', () => {
  it("names a lead's scope only for a 403 that carries one", () => {
    expect(leadScopeOf(new ApiRequestError(403, 'forbidden', 'x', '15.02'))).toBe('15.02');
    expect(leadScopeOf(new ApiRequestError(403, 'forbidden', 'x'))).toBeNull();
    expect(leadScopeOf(new ApiRequestError(404, 'not_found', 'x'))).toBeNull();
    expect(leadScopeOf(new Error('x'))).toBeNull();
  });
});

describe('orError', () => {
  it("turns an API failure into SvelteKit's error with the lead's scope, and lets a redirect through", async () => {
    const refused = await orError(
      Promise.reject(new ApiRequestError(403, 'forbidden', 'only inside 15', '15')),
    ).catch((e: unknown) => e);
    expect(isHttpError(refused, 403)).toBe(true);
    expect((refused as { body: unknown }).body).toEqual({ message: 'only inside 15', scope: '15' });
    const moved = await orError(Promise.resolve().then(() => redirect(307, '/explore/15'))).catch(
      (e: unknown) => e,
    );
    expect(isRedirect(moved)).toBe(true);
  });
});
