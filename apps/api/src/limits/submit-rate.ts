// Per-token rate limits on POST /reports: a flood from one token cannot crowd out the others.
import type { Principal } from '../auth/principal';
import type { ApiLimits } from '../deps';
import { ApiError } from '../errors';

/** Idle buckets are forgotten once this many are held (a full bucket is the default anyway). */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per API token: it holds a minute's worth of reports and refills at the
 * per-minute rate, so a client may send a burst and then keeps to its rate.
 */
export class SubmitRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: Pick<ApiLimits, 'submitPerMinute' | 'submitPerMinuteCadre'>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes `reports` from the principal's allowance, or throws a 429 saying when to retry. */
  take(principal: Principal, reports: number): void {
    const perMinute =
      principal.role === 'cadre' ? this.limits.submitPerMinuteCadre : this.limits.submitPerMinute;
    const perMs = perMinute / 60_000;
    const now = this.now();
    const bucket = this.buckets.get(principal.token_id) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (reports > bucket.tokens) {
      this.remember(principal.token_id, bucket);
      const waitS = Math.max(
        1,
        Math.ceil((Math.min(reports, perMinute) - bucket.tokens) / perMs / 1000),
      );
      const advice =
        reports > perMinute
          ? `send at most ${perMinute.toLocaleString('en-US')} at once`
          : `send these again in ${waitS} s`;
      throw new ApiError(
        429,
        'too_many_requests',
        `This token may submit ${perMinute.toLocaleString('en-US')} reports a minute; ${advice}`,
        [{ field: 'reports', value: reports, limit_per_minute: perMinute }],
        { 'Retry-After': String(waitS) },
      );
    }
    bucket.tokens -= reports;
    this.remember(principal.token_id, bucket);
  }

  private remember(tokenId: string, bucket: Bucket): void {
    if (!this.buckets.has(tokenId) && this.buckets.size >= MAX_BUCKETS) this.forgetIdle();
    this.buckets.set(tokenId, bucket);
  }

  /** Drops buckets that have refilled: forgetting them changes nothing. */
  private forgetIdle(): void {
    const now = this.now();
    for (const [id, bucket] of this.buckets) {
      if (now - bucket.at >= 60_000) this.buckets.delete(id);
    }
  }
}
