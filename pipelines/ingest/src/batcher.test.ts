import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';

describe('Batcher', () => {
  it('commits concurrent submissions together and answers each item', async () => {
    const commits: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        commits.push(items);
        return items.length;
      },
      { maxWeight: 100, lingerMs: 5 },
    );
    const results = await Promise.all([
      batcher.submit([1, 2]),
      batcher.submit([3]),
      batcher.submit([4]),
    ]);
    expect(commits).toEqual([[1, 2, 3, 4]]);
    expect(results).toEqual([[4, 4], [4], [4]]);
  });

  it('forms the next batch from what arrives during a commit', async () => {
    const commits: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number, void>(
      async (items) => {
        commits.push(items);
        if (commits.length === 1) await gate;
      },
      { maxWeight: 1, lingerMs: 1_000 },
    );
    const first = batcher.submit([1]);
    const second = batcher.submit([2]);
    const third = batcher.submit([3]);
    release();
    await Promise.all([first, second, third]);
    expect(commits).toEqual([[1], [2], [3]]);
  });

  it('flushes at once when the waiting items weigh enough', async () => {
    const commits: number[][] = [];
    const batcher = new Batcher<number, void>(
      async (items) => {
        commits.push(items);
      },
      { maxWeight: 10, lingerMs: 60_000, weigh: (n) => n },
    );
    await batcher.submit([4, 6]);
    expect(commits).toEqual([[4, 6]]);
  });

  it('fails every item of a batch whose commit fails, and carries on', async () => {
    let calls = 0;
    const batcher = new Batcher<number, string>(
      async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
        return 'ok';
      },
      { maxWeight: 10, lingerMs: 1 },
    );
    await expect(Promise.all([batcher.submit([1]), batcher.submit([2])])).rejects.toThrow(
      'disk full',
    );
    await expect(batcher.submit([3])).resolves.toEqual(['ok']);
  });

  it('lets urgent items go alone when they wait, every other batch', async () => {
    const commits: string[][] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<string, void>(
      async (items) => {
        commits.push(items);
        if (commits.length === 1) await held;
      },
      { maxWeight: 100, lingerMs: 1, urgent: (item) => item.startsWith('live') },
    );
    const first = batcher.submit(['import-1']);
    // Until the first batch is committing.
    while (commits.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const rest = batcher.submit(['import-2', 'live-1', 'import-3', 'live-2']);
    release();
    await Promise.all([first, rest]);
    expect(commits).toEqual([['import-1'], ['live-1', 'live-2'], ['import-2', 'import-3']]);
  });
});
