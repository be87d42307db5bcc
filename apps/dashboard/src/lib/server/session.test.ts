import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadToken, safeNext, sessionTokenFor } from './session';

describe('sessionTokenFor', () => {
  it('gives the cookie to reads only', () => {
    expect(sessionTokenFor('GET', 't')).toBe('t');
    expect(sessionTokenFor('head', 't')).toBe('t');
    expect(sessionTokenFor('POST', 't')).toBeUndefined();
    expect(sessionTokenFor('DELETE', 't')).toBeUndefined();
    expect(sessionTokenFor('GET', undefined)).toBeUndefined();
  });
});

describe('safeNext', () => {
  it('keeps paths of this site and refuses anything else', () => {
    expect(safeNext('/explore/15.02?lang=en')).toBe('/explore/15.02?lang=en');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('checkReadToken', () => {
  let server: Server;
  let api: URL;
  const seen: string[] = [];

  beforeAll(async () => {
    // A stand-in API answering as Pantau's does for each kind of token.
    server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      const auth = req.headers.authorization ?? '';
      const status =
        { 'Bearer reader': 200, 'Bearer lead': 403, 'Bearer cadre': 403, 'Bearer broken': 500 }[
          auth
        ] ?? 401;
      // A lead's refusal names the scope it may read; a cadre's names none.
      const details = auth === 'Bearer lead' ? [{ field: 'parent', value: null, scope: '15' }] : [];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'x', message: 'x', details } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('takes national readers and scoped leads, and tells unknown tokens from ones that may not read', async () => {
    expect(await checkReadToken(api, 'reader')).toBe('ok');
    expect(await checkReadToken(api, 'lead')).toBe('ok');
    expect(await checkReadToken(api, 'nobody')).toBe('invalid');
    expect(await checkReadToken(api, 'cadre')).toBe('no-read');
    expect(await checkReadToken(api, 'broken')).toBe('unreachable');
    expect(seen[0]).toBe('/api/v1/areas?level=region&limit=1 Bearer reader');
  });

  it('says the API is unreachable when nothing answers', async () => {
    expect(await checkReadToken(new URL('http://127.0.0.1:1'), 'reader')).toBe('unreachable');
  });
});
