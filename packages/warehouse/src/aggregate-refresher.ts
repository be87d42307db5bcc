// Aggregates (area scores, quality flags) that a live load left to the warehouse: it refreshes
// them in a transaction of its own soon after, or at once when a read needs them, so that a
// load's reports show without waiting for the aggregates above them and a read of aggregates
// never sees them older than the commits before it.
import type { AreaRefresh } from './writes/refresh-area-scores';

/**
 * What a commit did to the aggregates above the reports it changed: the refresher's own commits
 * refresh the flags, then the area scores, each in a write of its own.
 */
export type AggregatesAfterCommit =
  'untouched' | 'refreshed' | 'deferred' | 'flags-refreshed' | 'areas-refreshed';

/** A refresh the warehouse ran by itself, as committed. */
export interface AggregateRefresh extends AreaRefresh {
  committedAt: Date;
}

export type RefreshListener = (refresh: AggregateRefresh) => void;

export class AggregateRefresher {
  /** Aggregates reflect every commit up to this version. */
  private freshAt: number;
  /** The last commit that left its aggregates to the refresher. */
  private deferredAt = -1;
  /** The last commit that refreshed the flags (the first of the refresher's two writes). */
  private flagsAt = -1;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly listeners = new Set<RefreshListener>();

  constructor(
    /** Runs the refresh as a write of its own (after the writes queued before it). */
    private readonly refresh: () => Promise<AggregateRefresh>,
    private readonly version: () => number,
    private readonly delayMs: number,
  ) {
    this.freshAt = version();
  }

  /** After each commit, at its version. */
  committed(version: number, aggregates: AggregatesAfterCommit): void {
    if (aggregates === 'deferred') {
      this.deferredAt = version;
      return this.schedule();
    }
    if (aggregates === 'flags-refreshed') this.flagsAt = version;
    // The area scores refreshed after the flags: everything is fresh up to the flags' commit,
    // and up to this one unless a live load deferred between the two (its flags are stale).
    if (aggregates === 'areas-refreshed') {
      if (this.deferredAt < this.flagsAt) this.freshAt = version;
      else this.freshAt = Math.max(this.freshAt, this.flagsAt);
      if (!this.stale) this.stop();
      return;
    }
    // A refresh covers every scope marked dirty (an import's in its own transaction too, so no
    // refresh is left to run); a commit that marked none keeps them fresh.
    if (aggregates === 'refreshed' || this.freshAt === version - 1) {
      this.freshAt = version;
      this.stop();
    }
  }

  get stale(): boolean {
    return this.freshAt < this.version();
  }

  /** Resolves once the aggregates reflect every commit made before the call. */
  async settle(): Promise<void> {
    const target = this.version();
    while (this.freshAt < target) await this.refreshNow();
  }

  /** Called with each refresh the warehouse ran that refreshed some scope; returns an unsubscribe. */
  onRefresh(listener: RefreshListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the timer (the warehouse closes: dirty marks left are refreshed at the next open). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private refreshNow(): Promise<void> {
    this.stop();
    this.running ??= this.refresh()
      .then((refresh) => {
        if (refresh.scopes.length === 0) return;
        for (const listener of this.listeners) listener(refresh);
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /** A refresh after the delay; one that fails (the warehouse keeps its error) is tried again. */
  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.refreshNow().catch(() => this.stale && this.schedule());
    }, this.delayMs);
    // A stop that skips it leaves the dirty marks stored: the next open refreshes them.
    this.timer.unref();
  }
}
