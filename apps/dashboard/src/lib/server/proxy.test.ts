import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardedHeaders, proxyToApi, upstreamUrl } from './proxy';

describe('upstreamUrl', () => {
  it('keeps the path and query, under the API base path', () => {
    const request = new URL('http://dash.test/api/v1/scores?level=province');
    expect(upstreamUrl(new URL('http://127.0.0.1:8787'), request).href).toBe(
      'http://127.0.0.1:8787/api/v1/scores?level=province',
    );
    expect(upstreamUrl(new URL('http://api.test/pantau/'), request).href).toBe(
      'http://api.test/pantau/api/v1/scores?level=province',
    );
  });
});

describe('forwardedHeaders', () => {
  it('drops hop-by-hop headers and adds the client to x-forwarded-for', () => {
    const headers = forwardedHeaders(
      new Headers({ host: 'dash', connection: 'keep-alive', authorization: 'Bearer t' }),
      '10.0.0.7',
    );
    expect(headers.get('host')).toBeNull();
    expect(headers.get('connection')).toBeNull();
    expect(headers.get('authorization')).toBe('Bearer t');
    expect(headers.get('x-forwarded-for')).toBe('10.0.0.7');
  });
});

describe('forwardedHeaders with a signed-in session', () => {
  it('sends the session token as the bearer and keeps cookies here', () => {
    const headers = forwardedHeaders(
      new Headers({ cookie: 'pantau_token=s3cret; other=1' }),
      null,
      's3cret',
    );
    expect(headers.get('authorization')).toBe('Bearer s3cret');
    expect(headers.get('cookie')).toBeNull();
  });

  it("never replaces the request's own Authorization", () => {
    const headers = forwardedHeaders(new Headers({ authorization: 'Bearer own' }), null, 'session');
    expect(headers.get('authorization')).toBe('Bearer own');
  });
});

describe('proxyToApi', () => {
  let server: Server;
  let api: URL;

  beforeAll(async () => {
    // A stand-in API that echoes what it received, streaming the body back.
    server = createServer((req, res) => {
      res.writeHead(201, {
        'content-type': req.headers['content-type'] ?? 'text/plain',
        'x-seen-path': req.url ?? '',
        'x-seen-auth': req.headers.authorization ?? '',
      });
      req.pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('streams a request body through and hands back status, headers and body', async () => {
    const chunks = ['report_id,village_code\n', 'a,15.02.02.2004\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const request = new Request('http://dash.test/api/v1/imports?dry_run=true', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: 'Bearer secret' },
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await proxyToApi(request, api, '127.0.0.1');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen-path')).toBe('/api/v1/imports?dry_run=true');
    expect(response.headers.get('x-seen-auth')).toBe('Bearer secret');
    expect(await response.text()).toBe(chunks.join(''));
  });

  it('passes the first chunk on before the upload has ended', async () => {
    let finish: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('first chunk\n'));
        finish = () => controller.close();
      },
    });
    const request = new Request('http://dash.test/api/v1/imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    // The stand-in API echoes as it reads: its answer starts while the upload is still open.
    const response = await proxyToApi(request, api, null);
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('first chunk\n');
    finish?.();
    await reader.cancel();
  });

  it('answers 413 in the error shape when the upload passes BODY_SIZE_LIMIT', async () => {
    // What adapter-node does past its limit: the body fails with a 413 partway through.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('report_id,village_code\n'));
        controller.error(Object.assign(new Error('request body size exceeded'), { status: 413 }));
      },
    });
    const request = new Request('http://dash.test/api/v1/imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await proxyToApi(request, api, null);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'payload_too_large', message: expect.stringContaining('BODY_SIZE_LIMIT') },
    });
  });

  it('answers 502 with the error shape when the API is down', async () => {
    const response = await proxyToApi(
      new Request('http://dash.test/api/v1/health'),
      new URL('http://127.0.0.1:9'),
      null,
    );
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'api_unreachable',
    );
  });
});
