// The read-response layer: ETag and 304, Cache-Control, compressed bodies equal to the plain
// one, cached bodies dropped by a load, and callers who see different data never sharing one.
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { applySubmissions, refreshAreaScores } from '@pantau/warehouse';
import { describe, expect, it } from 'vitest';
import { useReadApp } from '../testing/read-app';
import { bearer, KUNGKAI, submission, tokenFor } from '../testing/read-fixture';
import { TEST_ADMIN_TOKEN } from '../testing/test-app';
import { CACHE_CONTROL, COMPRESS_MIN_BYTES, negotiateCoding } from './read-response';

const read = useReadApp();
const admin = bearer(TEST_ADMIN_TOKEN).headers;

const SCORES = '/scores?level=village&parent=15.02.02&period=2023-03';
const VILLAGE = `/villages/${KUNGKAI}/reports`;

function get(path: string, headers: Record<string, string> = {}) {
  return Promise.resolve(
    read.t.app.request(`/api/v1${path}`, { headers: { ...admin, ...headers } }),
  );
}

async function plain(path: string): Promise<string> {
  return (await get(path)).text();
}

describe('ETag and If-None-Match', () => {
  it('tags a read, answers the same tag with 304 and no body, and says how to cache', async () => {
    const first = await get(SCORES);
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe(CACHE_CONTROL);
    expect(first.headers.get('vary')).toBe('Accept-Encoding');

    const again = await get(SCORES, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    const other = await get(SCORES, { 'if-none-match': 'W/"something-else"' });
    expect(other.status).toBe(200);
  });

  it('gives one tag to one query whatever the order of its parameters, another to another', async () => {
    const tag = async (path: string) => (await get(path)).headers.get('etag');
    expect(await tag('/scores?period=2023-03&parent=15.02.02&level=village')).toBe(
      await tag(SCORES),
    );
    expect(await tag('/scores?level=village&parent=15.02.02&period=2023-02')).not.toBe(
      await tag(SCORES),
    );
  });

  it('tags no error', async () => {
    const res = await get('/scores?level=district&parent=15.99');
    expect(res.status).toBe(404);
    expect(res.headers.get('etag')).toBeNull();
  });
});

describe('compression', () => {
  it('sends br or gzip as asked for a body over 1 KiB, equal to the plain body once decoded', async () => {
    const body = await plain(SCORES);
    expect(body.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    const decoders = {
      br: promisify(brotliDecompress),
      gzip: promisify(gunzip),
    };
    for (const [accept, coding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
    ] as const) {
      const res = await get(SCORES, { 'accept-encoding': accept });
      expect([accept, res.headers.get('content-encoding')]).toEqual([accept, coding]);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBeLessThan(body.length);
      expect((await decoders[coding](bytes)).toString('utf8')).toBe(body);
    }
  });

  it('sends a body of 1 KiB or less, or to a client that accepts no coding, as it is', async () => {
    const small = await get('/areas/15', { 'accept-encoding': 'gzip, br' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(await small.text()).code).toBe('15');
    const identity = await get(SCORES, { 'accept-encoding': 'identity' });
    expect(identity.headers.get('content-encoding')).toBeNull();
  });

  it('negotiates codings by their q-values', () => {
    expect(negotiateCoding(undefined)).toBeNull();
    expect(negotiateCoding('')).toBeNull();
    expect(negotiateCoding('identity')).toBeNull();
    expect(negotiateCoding('*')).toBe('br');
    expect(negotiateCoding('*;q=0, gzip')).toBe('gzip');
    expect(negotiateCoding('BR;q=0.1')).toBe('br');
    expect(negotiateCoding('br;q=0, gzip;q=0')).toBeNull();
  });
});

describe('the cache', () => {
  it('serves the same body until a load, then the load’s data under a new tag', async () => {
    const before = await get(VILLAGE);
    const tag = before.headers.get('etag')!;
    const body = (await before.json()) as { reports: unknown[] };
    expect(await (await get(VILLAGE)).json()).toEqual(body);

    await read.t.warehouse.write(async (tx) => {
      const april = submission(
        'import-9',
        2,
        KUNGKAI,
        '2023-04',
        { gov_online_letters_pct: 10 },
        '2023-04-20T09:00:00+07:00',
      );
      await applySubmissions(tx, [april], new Date());
      await refreshAreaScores(tx.connection);
    });

    const after = await get(VILLAGE, { 'if-none-match': tag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(tag);
    const { reports } = (await after.json()) as { reports: { period: string }[] };
    expect(reports.map((r) => r.period)).toContain('2023-04');
    expect(reports.length).toBe(body.reports.length + 1);
  });

  it('never serves a body cached for one caller to a caller who may not read it', async () => {
    const path = '/scores?level=district&parent=15.02';
    expect((await get(path)).status).toBe(200);
    const outside = await tokenFor(read.t.warehouse, 'lead', '33');
    const res = await get(path, { authorization: `Bearer ${outside}` });
    expect(res.status).toBe(403);
  });

  it('counts hits, misses and 304s in the metrics', async () => {
    const path = '/scores?level=province';
    const first = await get(path);
    await get(path);
    await get(path, { 'if-none-match': first.headers.get('etag')! });
    const { text } = await read.t.deps.metrics.scrape();
    for (const result of ['hit', 'miss', 'not_modified']) {
      expect(text).toMatch(
        new RegExp(`^pantau_read_cache_requests_total\\{result="${result}"\\} [1-9]`, 'm'),
      );
    }
  });
});
