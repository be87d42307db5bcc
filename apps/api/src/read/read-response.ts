// The one layer every JSON read answers through: an ETag from the data version and the query
// (If-None-Match → 304), Cache-Control, the serialised body kept until the next write, and
// gzip or br negotiated and compressed once per body.
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { periodOfInstant } from '@pantau/domain';
import type { Context, MiddlewareHandler } from 'hono';
import { requireRead, type AuthVariables } from '../auth/require-role';
import type { Principal } from '../auth/principal';
import { seesPersonalData } from '../auth/visibility';
import type { AppDeps } from '../deps';
import { ByteLru } from './byte-lru';

/** Below this a compressed body saves less than its headers and the work cost. */
export const COMPRESS_MIN_BYTES = 1024;
/** Brotli's default quality (11) takes seconds over 2 MB of JSON; 5 is as fast as gzip, and smaller. */
const BROTLI_QUALITY = 5;
/** Anyone may keep a copy for themselves, but must ask (If-None-Match) before using it. */
export const CACHE_CONTROL = 'private, no-cache';

type Bytes = Uint8Array<ArrayBuffer>;

/** Compression runs on libuv's threads: a 2 MB body does not hold up other requests. */
const compressors = {
  br: async (bytes: Bytes): Promise<Bytes> =>
    new Uint8Array(
      await promisify(brotliCompress)(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
        },
      }),
    ),
  gzip: async (bytes: Bytes): Promise<Bytes> => new Uint8Array(await promisify(gzip)(bytes)),
};
type Coding = keyof typeof compressors;

/** The coding to send: br, then gzip, among those the client accepts (q > 0); null: none. */
export function negotiateCoding(acceptEncoding: string | undefined): Coding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*') ?? 0;
  for (const coding of ['br', 'gzip'] as const) {
    if ((accepted.get(coding) ?? wildcard) > 0) return coding;
  }
  return null;
}

/** A serialised read, and its compressed forms once a client asked for them. */
interface Body {
  type: string;
  identity: Bytes;
  coded: Partial<Record<Coding, Promise<Bytes>>>;
  /** Bytes of the compressed forms made so far (they count towards the cache's bound). */
  codedBytes: number;
}

/** The bodies of one app's reads at the warehouse's current version. */
class ReadResponses {
  /** Tags of a process never match another's (a restart starts the version over). */
  private readonly nonce = randomUUID().slice(0, 8);
  private version = -1;
  readonly bodies: ByteLru<Body>;

  constructor(maxBytes: number) {
    this.bodies = new ByteLru(maxBytes);
  }

  /** Drops every body when the data changed since they were made. */
  at(version: number): this {
    if (version !== this.version) {
      this.bodies.clear();
      this.version = version;
    }
    return this;
  }

  etag(version: number, key: string): string {
    const digest = createHash('sha1').update(key).digest('base64url').slice(0, 22);
    return `W/"${this.nonce}.${version}.${digest}"`;
  }

  /** `body` in `coding`, compressed on first use and kept with it (and counted) when cached. */
  coded(key: string, body: Body, coding: Coding): Promise<Bytes> {
    let coded = body.coded[coding];
    if (!coded) {
      coded = compressors[coding](body.identity);
      body.coded[coding] = coded;
      void coded.then(
        (bytes) => {
          body.codedBytes += bytes.byteLength;
          this.bodies.resize(key, body, sizeOf(key, body));
        },
        // The request that asked gets the error; the next one compresses again.
        () => delete body.coded[coding],
      );
    }
    return coded;
  }
}

function sizeOf(key: string, body: Body): number {
  return key.length * 2 + body.identity.byteLength + body.codedBytes;
}

const stores = new WeakMap<AppDeps, ReadResponses>();

function storeOf(deps: AppDeps): ReadResponses {
  let store = stores.get(deps);
  if (!store) {
    store = new ReadResponses(deps.limits.readCacheBytes);
    stores.set(deps, store);
  }
  return store;
}

/** What of the data a principal sees: personal fields or not, and a lead's area. */
function visibilityKey(principal: Principal): string {
  const personal = seesPersonalData(principal) ? 'personal' : 'public';
  return principal.role === 'lead' ? `${personal}:${principal.scope}` : personal;
}

export interface ReadResponseOptions {
  /**
   * For reads that depend on the clock beyond the current month (the last hour's loads): a
   * body is reused for at most this long, even without a write.
   */
  freshForMs?: number;
}

/**
 * The cache key of a request: its route's path, its query in a canonical order, what the caller
 * sees, and the current month (the default period follows the calendar, not only the data).
 */
function readKey(c: Context<{ Variables: AuthVariables }>, now: number, freshForMs?: number) {
  const query = new URL(c.req.url).searchParams;
  query.sort();
  const window = freshForMs ? `|${Math.floor(now / freshForMs)}` : '';
  return `${c.req.path}?${query}|${visibilityKey(c.var.principal)}|${periodOfInstant(now)}${window}`;
}

function matchesTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}

async function respond(
  body: Body,
  coding: Coding | null,
  coded: (coding: Coding) => Promise<Bytes>,
  etag: string | null,
): Promise<Response> {
  const headers = new Headers({
    'content-type': body.type,
    'cache-control': CACHE_CONTROL,
    vary: 'Accept-Encoding',
  });
  if (etag) headers.set('etag', etag);
  if (coding === null || body.identity.byteLength <= COMPRESS_MIN_BYTES) {
    return new Response(body.identity, { status: 200, headers });
  }
  headers.set('content-encoding', coding);
  return new Response(await coded(coding), { status: 200, headers });
}

/** Bodies handlers gave as bytes (jsonBytes), by their response: kept without reading a copy. */
const givenBytes = new WeakMap<Response, Bytes>();

/**
 * A 200 JSON response of bytes a handler already holds (JSON it assembled itself): the layer
 * keeps these very bytes rather than reading the response back into a copy.
 */
export function jsonBytes(c: Context, bytes: Bytes): Response {
  const response = c.body(bytes, 200, { 'content-type': 'application/json' });
  givenBytes.set(response, bytes);
  return response;
}

/** Answers a read from its cached body, or runs it and keeps its body (200 JSON only). */
export function readResponse(
  deps: AppDeps,
  options: ReadResponseOptions = {},
): MiddlewareHandler<{ Variables: AuthVariables }> {
  const store = storeOf(deps);
  return async (c, next) => {
    const version = deps.warehouse.version;
    const key = readKey(c, deps.clock().getTime(), options.freshForMs);
    const etag = store.etag(version, key);
    if (matchesTag(c.req.header('if-none-match'), etag)) {
      deps.metrics.readCache.inc({ result: 'not_modified' });
      return c.body(null, 304, { etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding' });
    }
    const coding = negotiateCoding(c.req.header('accept-encoding'));
    const cached = store.at(version).bodies.get(key);
    if (cached) {
      deps.metrics.readCache.inc({ result: 'hit' });
      return respond(cached, coding, (cd) => store.coded(key, cached, cd), etag);
    }
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status !== 200 || !type.startsWith('application/json')) return;
    deps.metrics.readCache.inc({ result: 'miss' });
    const identity = givenBytes.get(c.res) ?? new Uint8Array(await c.res.arrayBuffer());
    const body: Body = { type, identity, coded: {}, codedBytes: 0 };
    // A write that landed while this read ran may or may not show in it: tag and keep nothing.
    const unchanged = deps.warehouse.version === version;
    if (unchanged) store.at(version).bodies.set(key, body, sizeOf(key, body));
    const response = await respond(
      body,
      coding,
      (cd) => (unchanged ? store.coded(key, body, cd) : compressors[cd](body.identity)),
      unchanged ? etag : null,
    );
    c.res = undefined;
    c.res = response;
  };
}

/** The middleware of a JSON read: read access, then the read-response layer. */
export function jsonRead(
  deps: AppDeps,
  options: ReadResponseOptions = {},
): MiddlewareHandler<{ Variables: AuthVariables }>[] {
  return [requireRead(deps), readResponse(deps, options)];
}
