// The API (with its loader), a validate worker and the built dashboard as child processes on free
// ports, for the browser tests' global setup and for flows that need a differently set-up pair.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteQueueKeys } from '@pantau/ingest';
import { Redis } from 'ioredis';
import { freePort, startProcess, waitForHttp, type ServerProcess } from './processes';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const LOG_DIR = join(REPO_ROOT, 'tests/artifacts/e2e');
const DASHBOARD_ENTRY = join(REPO_ROOT, 'apps/dashboard/build/index.js');
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');

export interface ApiOptions {
  /** Also names its log file: `<name>.log`. */
  name: string;
  dataDir: string;
  redisUrl: string;
  queuePrefix: string;
  adminToken: string;
  publicRead: boolean;
}

export function assertDashboardBuilt(): void {
  if (!existsSync(DASHBOARD_ENTRY)) {
    throw new Error(
      `The dashboard is not built (${DASHBOARD_ENTRY} is missing): run "npm run build -w @pantau/dashboard", or "npx turbo run test --filter=@pantau/tests", which builds it first.`,
    );
  }
}

/** Starts the API on a free port and resolves with it and its URL once /health answers. */
export async function startApi(
  options: ApiOptions,
): Promise<{ server: ServerProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startProcess({
    name: options.name,
    command: TSX,
    args: ['src/main.ts'],
    cwd: join(REPO_ROOT, 'apps/api'),
    env: {
      DATA_DIR: options.dataDir,
      API_PORT: String(port),
      PUBLIC_READ: options.publicRead ? 'on' : 'off',
      ADMIN_TOKEN: options.adminToken,
      QUEUE_PREFIX: options.queuePrefix,
      REDIS_URL: options.redisUrl,
      LOG_LEVEL: 'warn',
      LAKE: 'off',
    },
    logDir: LOG_DIR,
  });
  try {
    await waitForHttp(`${url}/api/v1/health`, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { server, url };
}

/** A validate worker on the queues under `queuePrefix`. */
export function startValidateWorker(redisUrl: string, queuePrefix: string): ServerProcess {
  return startProcess({
    name: 'validate-worker',
    command: TSX,
    args: ['src/validate-worker.main.ts'],
    cwd: join(REPO_ROOT, 'pipelines/ingest'),
    env: { REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn' },
    logDir: LOG_DIR,
  });
}

/**
 * Starts the built dashboard in front of `apiUrl`; resolves once `readyPath` answers 2xx (the
 * sign-in page answers even when the API refuses anonymous reads).
 */
export async function startDashboard(
  name: string,
  apiUrl: string,
  readyPath = '/',
): Promise<{ server: ServerProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startProcess({
    name,
    command: process.execPath,
    args: [DASHBOARD_ENTRY],
    cwd: join(REPO_ROOT, 'apps/dashboard'),
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      API_URL: apiUrl,
      // Uploads pass through the dashboard's /api proxy: the limit the Dockerfile sets.
      BODY_SIZE_LIMIT: '4G',
      // Plain http here: without it adapter-node takes every page to be https.
      ORIGIN: url,
    },
    logDir: LOG_DIR,
  });
  try {
    await waitForHttp(`${url}${readyPath}`, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { server, url };
}

/** Removes a run's BullMQ keys, so repeated runs leave nothing behind in a shared Redis. */
export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await deleteQueueKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

/** Stops `server`; what it logged (they run at LOG_LEVEL=warn) is worth reading with the results. */
export async function stopServer(server: ServerProcess): Promise<void> {
  await server.stop();
  const tail = server.logTail().trim();
  if (tail) process.stderr.write(`--- ${server.name} logged (${server.logFile}):\n${tail}\n`);
}
