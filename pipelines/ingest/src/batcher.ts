// Coalesces work submitted by many concurrent jobs into one step (a transaction, a queue add).

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions<T> {
  /** Flush as soon as the waiting items weigh this much. */
  maxWeight: number;
  /** The weight of one item (default 1). */
  weigh?: (item: T) => number;
  /** Otherwise wait this long after the first item, to gather more. */
  lingerMs: number;
  /**
   * Items that must not wait behind a large batch (live reports behind an import): when some
   * are waiting, every other batch takes only them, so they wait for one batch at most.
   */
  urgent?: (item: T) => boolean;
}

/**
 * `submit` resolves with the result of the commit of each item's batch. One flush runs at a
 * time; whatever arrives meanwhile forms the next batch, so batches grow with the load.
 */
export class Batcher<T, R> {
  private pending: Pending<T, R>[] = [];
  private pendingWeight = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  /** The last batch took only urgent items: the next one takes the rest in turn. */
  private lastUrgent = false;

  constructor(
    private readonly commit: (items: T[]) => Promise<R>,
    private readonly options: BatcherOptions<T>,
  ) {}

  submit(items: readonly T[]): Promise<R[]> {
    const results = items.map(
      (item) =>
        new Promise<R>((resolve, reject) => {
          this.pending.push({ item, resolve, reject });
          this.pendingWeight += this.weigh(item);
        }),
    );
    this.schedule();
    return Promise.all(results);
  }

  /** Waits until everything submitted so far has been committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.flush();
      await this.flushing;
    }
  }

  private weigh(item: T): number {
    return this.options.weigh?.(item) ?? 1;
  }

  private schedule(): void {
    if (this.flushing || this.pending.length === 0) return; // a running flush picks the rest up
    if (this.pendingWeight >= this.options.maxWeight) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
  }

  /**
   * Takes the waiting items, in order, up to the weight limit; the rest wait. Urgent items, when
   * some wait and the last batch was not theirs alone, go first and alone.
   */
  private take(): Pending<T, R>[] {
    const urgent = this.options.urgent;
    const onlyUrgent =
      urgent !== undefined && !this.lastUrgent && this.pending.some((p) => urgent(p.item));
    this.lastUrgent = onlyUrgent;
    const taken: Pending<T, R>[] = [];
    const waiting: Pending<T, R>[] = [];
    let weight = 0;
    for (const p of this.pending) {
      // The first item always goes, so a batch is never empty.
      const fits = taken.length === 0 || weight < this.options.maxWeight;
      if (fits && (!onlyUrgent || urgent(p.item))) {
        weight += this.weigh(p.item);
        taken.push(p);
      } else waiting.push(p);
    }
    this.pending = waiting;
    this.pendingWeight -= weight;
    return taken;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing || this.pending.length === 0) return;
    const batch = this.take();
    this.flushing = this.run(batch).finally(() => {
      this.flushing = null;
      // Items left waiting (over the limit) go next, without lingering.
      if (this.pending.length > 0) this.flush();
    });
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const result = await this.commit(batch.map((p) => p.item));
      for (const p of batch) p.resolve(result);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
