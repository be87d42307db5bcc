// Global setup of the browser tests: seed a temp data dir, start Redis (if none answers), the API
// (with the loader), a validate worker and the built dashboard on free ports, hand their URLs to
// the tests, and stop it all afterwards.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteQueueKeys } from '@pantau/ingest';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { freePort, redisAnswers, startProcess, waitForHttp, type ServerProcess } from './processes';
import { seedDataDir } from './seed';

declare module 'vitest' {
  export interface ProvidedContext {
    dashboardUrl: string;
    apiUrl: string;
    adminToken: string;
    dataDir: string;
  }
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DASHBOARD_ENTRY = join(REPO_ROOT, 'apps/dashboard/build/index.js');
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const LOG_DIR = join(REPO_ROOT, 'tests/artifacts/e2e');
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

async function redisFor(tmp: string, servers: ServerProcess[]): Promise<string> {
  const url = new URL(process.env.REDIS_URL || DEFAULT_REDIS);
  if (await redisAnswers(url.hostname, Number(url.port || 6379))) return url.toString();
  // Nothing answers: a private redis-server for this run, its files in the temp dir.
  const port = await freePort();
  const redis = startProcess({
    name: 'redis',
    command: 'redis-server',
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      tmp,
    ],
    cwd: tmp,
    env: {},
    logDir: LOG_DIR,
  });
  servers.push(redis);
  for (let i = 0; i < 50 && !(await redisAnswers('127.0.0.1', port)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await redisAnswers('127.0.0.1', port))) {
    throw new Error(`No Redis at ${url} and redis-server did not start:\n${redis.logTail()}`);
  }
  return `redis://127.0.0.1:${port}`;
}

/** Removes the run's BullMQ keys, so repeated runs leave nothing behind in a shared Redis. */
async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await deleteQueueKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(DASHBOARD_ENTRY)) {
    throw new Error(
      `The dashboard is not built (${DASHBOARD_ENTRY} is missing): run "npm run build -w @pantau/dashboard", or "npx turbo run test --filter=@pantau/tests", which builds it first.`,
    );
  }
  const tmp = await mkdtemp(join(tmpdir(), 'pantau-e2e-'));
  const dataDir = join(tmp, 'data');
  const servers: ServerProcess[] = [];
  const queuePrefix = `e2e-${process.pid}-${Date.now()}`;
  let redisUrl: string | null = null;
  const stopAll = async () => {
    for (const server of [...servers].reverse()) {
      // A private Redis goes away with its keys; a shared one is cleaned first.
      if (server.name === 'redis') continue;
      await server.stop();
      // Servers run at LOG_LEVEL=warn: whatever they logged is worth reading next to the results.
      const tail = server.logTail().trim();
      if (tail) process.stderr.write(`--- ${server.name} logged (${server.logFile}):\n${tail}\n`);
    }
    if (redisUrl) await dropQueueKeys(redisUrl, queuePrefix).catch(() => undefined);
    for (const server of servers) if (server.name === 'redis') await server.stop();
    await rm(tmp, { recursive: true, force: true });
  };

  try {
    await seedDataDir(dataDir);
    redisUrl = await redisFor(tmp, servers);
    const adminToken = randomBytes(24).toString('base64url');

    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = startProcess({
      name: 'api',
      command: TSX,
      args: ['src/main.ts'],
      cwd: join(REPO_ROOT, 'apps/api'),
      env: {
        DATA_DIR: dataDir,
        API_PORT: String(apiPort),
        PUBLIC_READ: 'on',
        ADMIN_TOKEN: adminToken,
        QUEUE_PREFIX: queuePrefix,
        REDIS_URL: redisUrl,
        LOG_LEVEL: 'warn',
      },
      logDir: LOG_DIR,
    });
    servers.push(api);
    await waitForHttp(`${apiUrl}/api/v1/health`, api);

    // One validate worker, so flows that submit reports or upload files see them loaded.
    servers.push(
      startProcess({
        name: 'validate-worker',
        command: TSX,
        args: ['src/validate-worker.main.ts'],
        cwd: join(REPO_ROOT, 'pipelines/ingest'),
        env: { REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn' },
        logDir: LOG_DIR,
      }),
    );

    const dashboardPort = await freePort();
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    const dashboard = startProcess({
      name: 'dashboard',
      command: process.execPath,
      args: [DASHBOARD_ENTRY],
      cwd: join(REPO_ROOT, 'apps/dashboard'),
      env: {
        HOST: '127.0.0.1',
        PORT: String(dashboardPort),
        API_URL: apiUrl,
        // Uploads of any size pass through the dashboard's /api proxy.
        BODY_SIZE_LIMIT: 'Infinity',
      },
      logDir: LOG_DIR,
    });
    servers.push(dashboard);
    await waitForHttp(`${dashboardUrl}/`, dashboard);

    project.provide('dashboardUrl', dashboardUrl);
    project.provide('apiUrl', apiUrl);
    project.provide('adminToken', adminToken);
    project.provide('dataDir', dataDir);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
