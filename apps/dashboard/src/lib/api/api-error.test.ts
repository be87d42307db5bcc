import { describe, expect, it } from 'vitest';
import { apiErrorOf, ApiRequestError, describeFailure } from './api-error';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('apiErrorOf', () => {
  it("keeps the API's code and message", async () => {
    const error = await apiErrorOf(
      answer(400, { error: { code: 'bad_request', message: 'period: malformed' } }),
    );
    expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'period: malformed' });
    expect(error.scope).toBeNull();
  });

  it("reads a lead's scope from a 403's details", async () => {
    const error = await apiErrorOf(
      answer(403, {
        error: {
          code: 'forbidden',
          message: 'This token reads only inside 15; parent names the whole country',
          details: [{ field: 'parent', value: null, scope: '15' }],
        },
      }),
    );
    expect(error.scope).toBe('15');
    expect(describeFailure(error)).toEqual({
      status: 403,
      message: 'This token reads only inside 15; parent names the whole country',
      scope: '15',
    });
  });

  it('describes a response without a JSON body by its status', async () => {
    const error = await apiErrorOf(
      new Response('bad gateway', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error).toMatchObject({ status: 502, code: 'http_error', message: '502 Bad Gateway' });
  });
});

describe('describeFailure', () => {
  it('turns a network failure into 503 with its reason', () => {
    expect(describeFailure(new TypeError('fetch failed'))).toEqual({
      status: 503,
      message: 'The API could not be reached: fetch failed',
    });
    expect(describeFailure(new ApiRequestError(404, 'not_found', 'no area 99'))).toEqual({
      status: 404,
      message: 'no area 99',
    });
  });
});
