// A redis-server of a test's own, on a free port, with its append-only file in a temp dir: the
// fault tests stop and restart it, never the shared Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, redisAnswers } from '../../e2e/support/processes';

const START_TIMEOUT_MS = 10_000;

export interface PrivateRedis {
  url: string;
  /** SHUTDOWN, as an operator stops it: the append-only file is flushed first. */
  shutdown(): Promise<void>;
  /** Starts it again on the same port and files. */
  restart(): Promise<void>;
  /** Stops it (if running) and removes its files. */
  remove(): Promise<void>;
}

/** `args` are added to (and override) the defaults: append-only, fsync always, no RDB. */
export async function startPrivateRedis(args: string[] = []): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  async function start() {
    const server = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        ...args,
      ],
      { stdio: 'ignore' },
    );
    child = server;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await redisAnswers('127.0.0.1', port))) {
      if (server.exitCode !== null) throw new Error(`redis-server exited (${server.exitCode})`);
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function stop(signal: 'SHUTDOWN' | 'SIGKILL') {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    if (signal === 'SIGKILL') server.kill('SIGKILL');
    else {
      const client = new Redis(url, { maxRetriesPerRequest: 0 });
      client.on('error', () => undefined);
      await client.call('SHUTDOWN').catch(() => undefined); // the connection closes with it
      client.disconnect();
    }
    await exited;
  }

  await start();
  return {
    url,
    shutdown: () => stop('SHUTDOWN'),
    restart: start,
    async remove() {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
