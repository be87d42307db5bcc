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
  const origin = 'https://pantau.example';

  it('keeps paths of this site, with their query and hash', () => {
    expect(safeNext('/explore/15.02?lang=en', origin)).toBe('/explore/15.02?lang=en');
    expect(safeNext('/village/15.02.02.2004#cadre', origin)).toBe('/village/15.02.02.2004#cadre');
    expect(safeNext(`${origin}/completeness`, origin)).toBe('/completeness');
    expect(safeNext('compare?areas=15,33', origin)).toBe('/compare?areas=15,33');
  });

  it.each([
    // The issue's own: a tab the browser strips after the check, leaving //evil.example.
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    ' //evil.example',
    '//evil.example/x',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'HTTPS://evil.example',
    'http://pantau.example/',
    'https://pantau.example.evil.example/',
    'https://pantau.example@evil.example/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e%2e//evil.example',
    '',
    null,
    undefined,
  ])('leads %j to the overview', (next) => {
    expect(safeNext(next, origin)).toBe('/');
  });

  it('keeps an encoded slash encoded, so it never becomes a second host', () => {
    // %2F stays in the path: the browser asks this site for "/%2F/evil.example".
    expect(safeNext('/%2F/evil.example', origin)).toBe('/%2F/evil.example');
    expect(safeNext('/%09/evil.example', origin)).toBe('/%09/evil.example');
    // Without slashes, a scheme like this page's own reads as a path of this site.
    expect(safeNext('https:evil.example', origin)).toBe('/evil.example');
  });

  it('never returns anything a browser would read as another host', () => {
    const hostile = [
      '/\t/evil.example',
      '/\\evil.example',
      '/.//evil.example',
      '%2F%2Fevil.example',
    ];
    for (const next of hostile) {
      expect(new URL(safeNext(next, origin), origin).origin).toBe(origin);
    }
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
