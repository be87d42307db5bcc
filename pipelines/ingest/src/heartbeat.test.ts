import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat, type Heartbeat } from './heartbeat';

const INTERVAL_MS = 20;

const dir = mkdtempSync(join(tmpdir(), 'pantau-heartbeat-'));
let heartbeat: Heartbeat | undefined;

afterEach(() => heartbeat?.stop());
afterEach(() => rmSync(join(dir, 'alive'), { force: true }));

async function waitFor(condition: () => boolean) {
  for (let i = 0; !condition(); i++) {
    if (i > 200) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS / 2));
  }
}

describe('startHeartbeat', () => {
  it('rewrites the file with the time while healthy', async () => {
    const path = join(dir, 'alive');
    heartbeat = startHeartbeat(path, () => true, INTERVAL_MS);
    await waitFor(() => existsSync(path));
    const first = statSync(path).mtimeMs;
    await waitFor(() => statSync(path).mtimeMs > first);
    expect(Date.parse(readFileSync(path, 'utf8'))).toBeGreaterThan(0);
  });

  it('asks at every beat and writes nothing while unhealthy', async () => {
    const path = join(dir, 'alive');
    let asked = 0;
    vi.useFakeTimers();
    try {
      heartbeat = startHeartbeat(path, () => (asked++, false), INTERVAL_MS);
      vi.advanceTimersByTime(INTERVAL_MS * 5);
    } finally {
      vi.useRealTimers();
    }
    expect(asked).toBe(6);
    expect(existsSync(path)).toBe(false);
  });
});
