// Global setup of the browser tests: seed a temp data dir, start Redis (if none answers), the API
// (with the loader), a validate worker and the built dashboard on free ports, hand their URLs to
// the tests, and stop it all afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, redisAnswers, startProcess, type ServerProcess } from './processes';
import { seedDataDir } from './seed';
import {
  assertDashboardBuilt,
  dropQueueKeys,
  LOG_DIR,
  startApi,
  startDashboard,
  startValidateWorker,
  stopServer,
} from './servers';

declare module 'vitest' {
  export interface ProvidedContext {
    dashboardUrl: string;
    apiUrl: string;
    redisUrl: string;
    adminToken: string;
    dataDir: string;
  }
}

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

export default async function setup(project: TestProject) {
  assertDashboardBuilt();
  const tmp = await mkdtemp(join(tmpdir(), 'pantau-e2e-'));
  const dataDir = join(tmp, 'data');
  const servers: ServerProcess[] = [];
  const queuePrefix = `e2e-${process.pid}-${Date.now()}`;
  let redisUrl: string | null = null;
  const stopAll = async () => {
    for (const server of [...servers].reverse()) {
      // A private Redis goes away with its keys; a shared one is cleaned first.
      if (server.name === 'redis') continue;
      await stopServer(server);
    }
    if (redisUrl) await dropQueueKeys(redisUrl, queuePrefix).catch(() => undefined);
    for (const server of servers) if (server.name === 'redis') await server.stop();
    await rm(tmp, { recursive: true, force: true });
  };

  try {
    await seedDataDir(dataDir);
    redisUrl = await redisFor(tmp, servers);
    const adminToken = randomBytes(24).toString('base64url');

    const api = await startApi({
      name: 'api',
      dataDir,
      redisUrl,
      queuePrefix,
      adminToken,
      publicRead: true,
    });
    servers.push(api.server);
    // One validate worker, so flows that submit reports or upload files see them loaded.
    servers.push(startValidateWorker(redisUrl, queuePrefix));
    const dashboard = await startDashboard('dashboard', api.url);
    servers.push(dashboard.server);

    project.provide('dashboardUrl', dashboard.url);
    project.provide('apiUrl', api.url);
    project.provide('redisUrl', redisUrl);
    project.provide('adminToken', adminToken);
    project.provide('dataDir', dataDir);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
