// A short-lived memo of resolved tokens, so a read does not pay a DuckDB lookup for its token.
import type { Principal } from './principal';

/** Revocations through this process clear the memo; any other change is seen within this time. */
const TTL_MS = 60_000;
/** Past this many entries the memo starts over: a bound, not an LRU, is all it needs. */
const MAX_ENTRIES = 10_000;

export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; expires: number }>();

  get(hash: string, now: number): Principal | null {
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.expires <= now) {
      this.entries.delete(hash);
      return null;
    }
    return entry.principal;
  }

  set(hash: string, principal: Principal, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(hash, { principal, expires: now + TTL_MS });
  }

  /** Forgets every token: called on revocation, which knows the id but not the hash. */
  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, TokenCache>();

/** The cache of one app, keyed by its deps so separate apps (tests) never share tokens. */
export function tokenCacheOf(deps: object): TokenCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new TokenCache();
    caches.set(deps, cache);
  }
  return cache;
}
