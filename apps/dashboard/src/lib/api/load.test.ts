import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-error';
import { unlessOutOfScope } from './load';

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
