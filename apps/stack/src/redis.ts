// Finds the Redis at REDIS_URL, or starts a private one when redis-server is installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { StartService } from './services';

const PING_TIMEOUT_MS = 1_500;

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PING_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

export class RedisUnavailable extends Error {
  override readonly name = 'RedisUnavailable';
}

/** The Redis to use, and whether a private one was started (with `start`, which stops it too). */
export async function ensureRedis(
  url: string,
  dataDir: string,
  start: StartService,
): Promise<{ url: string; started: boolean }> {
  if (await answers(url)) return { url, started: false };
  const installed = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!installed) {
    throw new RedisUnavailable(
      `Nothing answers at REDIS_URL=${url} and redis-server is not installed.\n` +
        'Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis),\n' +
        'point REDIS_URL at one, or run the whole system with `docker compose up`.',
    );
  }
  const port = await freePort();
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const privateUrl = `redis://127.0.0.1:${port}`;
  await start({
    name: 'redis',
    command: 'redis-server',
    // Append-only persistence under DATA_DIR: queued jobs survive a restart of the stack.
    args: [
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
    ],
    cwd: dir,
    env: {},
    critical: true,
    ready: () => answers(privateUrl),
  });
  return { url: privateUrl, started: true };
}
