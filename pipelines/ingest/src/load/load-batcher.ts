// Coalesces the submissions of many concurrent load jobs into one write transaction.

interface Pending<T, R> {
  items: T[];
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
}

/**
 * `submit` resolves with the result of the commit of the batch holding the items. One flush runs
 * at a time; whatever arrives meanwhile forms the next batch, so batches grow with the load.
 */
export class LoadBatcher<T, R> {
  private pending: Pending<T, R>[] = [];
  private pendingWeight = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly commit: (items: T[]) => Promise<R>,
    private readonly options: BatcherOptions<T>,
  ) {}

  submit(items: T[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      for (const item of items) this.pendingWeight += this.options.weigh?.(item) ?? 1;
      this.schedule();
    });
  }

  /** Waits until everything submitted so far has been committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.flush();
      await this.flushing;
    }
  }

  private schedule(): void {
    if (this.flushing) return; // the running flush picks the rest up when it ends
    if (this.pendingWeight >= this.options.maxWeight) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingWeight = 0;
    this.flushing = this.run(batch).finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.schedule();
    });
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const result = await this.commit(batch.flatMap((p) => p.items));
      for (const p of batch) p.resolve(result);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
