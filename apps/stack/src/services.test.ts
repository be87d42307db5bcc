import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type Service } from './services';

const dir = mkdtempSync(join(tmpdir(), 'pantau-services-'));
const started: Service[] = [];

afterEach(async () => {
  for (const service of started.splice(0)) await service.stop();
});

/** A node process running `script`; `ready` looks for a file the script writes. */
function node(name: string, script: string, readyFile: string, critical = false) {
  const lines: string[] = [];
  const gaveUp: string[] = [];
  const service = startService({
    name,
    command: process.execPath,
    args: ['-e', script],
    cwd: dir,
    env: {},
    ready: async () => existsSync(readyFile),
    critical,
    onGiveUp: (_name, reason) => gaveUp.push(reason),
    say: (line) => lines.push(line),
    backoffMs: 100,
  });
  started.push(service);
  return { service, lines, gaveUp };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startService', () => {
  it('restarts a worker that is killed, saying so, and it runs again', async () => {
    const ready = join(dir, 'worker.ready');
    const { service, lines } = node(
      'worker-1',
      `require('fs').writeFileSync(${JSON.stringify(ready)}, String(process.pid)); setInterval(() => {}, 1000);`,
      ready,
    );
    await service.ready;
    const first = service.child.pid;
    rmSync(ready);
    service.child.kill('SIGKILL');
    await waitFor(() => existsSync(ready) && service.child.pid !== first, 'a restarted worker');
    expect(lines).toEqual([
      'worker-1 exited unexpectedly (signal SIGKILL); restarting in 0.1 s (restart 1)',
    ]);
    expect(service.child.exitCode).toBeNull();
  });

  it('gives up a critical service that keeps dying before it is ready', async () => {
    const { service, gaveUp, lines } = node('api', 'process.exit(3)', join(dir, 'never'), true);
    await expect(service.ready).rejects.toThrow(/exited while starting/);
    await waitFor(() => gaveUp.length > 0, 'giving up');
    expect(gaveUp).toEqual(['api exited 3 times before it was ready (last: code 3)']);
    expect(lines.filter((l) => l.includes('restarting'))).toHaveLength(2);
  });

  it('waits longer after each crash in a row', async () => {
    const marker = join(dir, 'crashes');
    writeFileSync(marker, '');
    const { lines } = node(
      'flaky',
      `const fs = require('fs'); fs.appendFileSync(${JSON.stringify(marker)}, 'x'); process.exit(1);`,
      join(dir, 'flaky.ready'),
    );
    await waitFor(() => lines.length >= 3, 'three restarts');
    expect(lines.slice(0, 3).map((l) => /restarting in ([\d.]+) s/.exec(l)?.[1])).toEqual([
      '0.1',
      '0.2',
      '0.4',
    ]);
  });

  it('does not restart what is being stopped', async () => {
    const ready = join(dir, 'dashboard.ready');
    const { service, lines } = node(
      'dashboard',
      `require('fs').writeFileSync(${JSON.stringify(ready)}, ''); setInterval(() => {}, 1000);`,
      ready,
    );
    await service.ready;
    await service.stop();
    expect(service.child.signalCode).toBe('SIGTERM');
    expect(lines).toEqual([]);
  });
});
