import { describe, expect, it } from 'vitest';
import { ApiCallError, ApiUnreachableError, createApiClient } from './api-client';
import { followImport } from './imports';

/** What fetch throws when nothing listens (Node's undici: the reason in its cause). */
const refused = () =>
  new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8787') });

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A client whose calls are answered, in turn, by `answers` (the last one repeats). */
function answering(answers: (() => Response)[]) {
  let call = 0;
  const client = createApiClient({
    baseUrl: 'http://127.0.0.1:8787',
    fetch: (async () => answers[Math.min(call++, answers.length - 1)]!()) as typeof fetch,
  });
  return { client, calls: () => call };
}

const running = () => json(200, { import_id: 'imp-1', status: 'running', processed: 10 });
const completed = () => json(200, { import_id: 'imp-1', status: 'completed', processed: 20 });
const unreachable = () => {
  throw refused();
};

describe('following an import', () => {
  it('waits for an API that stops answering mid-import (a restart), then follows it to the end', async () => {
    const { client, calls } = answering([running, unreachable, unreachable, running, completed]);
    const outages: string[] = [];
    const progress: number[] = [];
    const detail = await followImport(client, 'imp-1', {
      pollMs: 1,
      onProgress: (d) => progress.push(d.processed),
      onUnreachable: (error) => outages.push(error.message),
    });
    expect(detail).toMatchObject({ status: 'completed', processed: 20 });
    expect(progress).toEqual([10, 10, 20]);
    expect(outages).toEqual([
      'cannot reach the API at http://127.0.0.1:8787: connect ECONNREFUSED 127.0.0.1:8787',
      'cannot reach the API at http://127.0.0.1:8787: connect ECONNREFUSED 127.0.0.1:8787',
    ]);
    expect(calls()).toBe(5);
  });

  it('gives up on an API that stays unreachable longer than it waits', async () => {
    const { client, calls } = answering([running, unreachable]);
    const following = followImport(client, 'imp-1', { pollMs: 5, unreachableForMs: 50 });
    await expect(following).rejects.toThrow(ApiUnreachableError);
    // It kept asking meanwhile: a few reads, not one.
    expect(calls()).toBeGreaterThan(3);
  });

  it('does not wait out an answer that is an error', async () => {
    const { client, calls } = answering([
      () => json(404, { error: { code: 'not_found', message: 'No import imp-1' } }),
    ]);
    await expect(followImport(client, 'imp-1', { pollMs: 1 })).rejects.toThrow(ApiCallError);
    expect(calls()).toBe(1);
  });
});
