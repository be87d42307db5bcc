// `npm start`: Redis (found or started), the API with its loader, validate workers, the dashboard,
// demo data through the real pipeline; Ctrl-C stops everything in order.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  adminTokenPath,
  generateAdminTokenFile,
  REPO_ROOT as ROOT,
  resolveDataDir,
} from '@pantau/config';
import { env } from './env';
import { DEMO_VILLAGES, LIVE_RATE, seedHistory, streamDemo } from './demo';
import { ensureRedis, RedisUnavailable } from './redis';
import { httpReady, startService, type Service, type StartService } from './services';

const say = (line: string) => process.stdout.write(`\u001b[1mpantau\u001b[0m   │ ${line}\n`);
const services: Service[] = [];
const live = new AbortController();
/** Set once stopping starts; a second Ctrl-C (or a forwarded signal) waits for the same stop. */
let stopping: Promise<void> | null = null;

async function stopServices(): Promise<void> {
  say('stopping…');
  live.abort();
  // Reverse start order: dashboard, workers, API (it finishes its batch), Redis last.
  for (const service of [...services].reverse()) await service.stop();
  say('stopped');
}

async function stopAll(code: number): Promise<never> {
  stopping ??= stopServices();
  await stopping;
  process.exit(code);
}

/** A service that dies is restarted; only one the stack cannot run without stops it all. */
function onGiveUp() {
  if (stopping) return;
  say('stopping the rest');
  void stopAll(1);
}

/** Registered before it is ready, so that a stop during its start stops it too. */
const start: StartService = async (options) => {
  const service = startService({ ...options, onGiveUp, say });
  services.push(service);
  await service.ready;
};

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const dataDir = resolveDataDir(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // A generated token also goes to DATA_DIR/admin-token (0600), where the CLIs find it.
  const adminToken = env.ADMIN_TOKEN ?? generateAdminTokenFile(dataDir).token;

  const redis = await ensureRedis(env.REDIS_URL, dataDir, start);
  if (redis.started) {
    say(
      `no Redis at ${env.REDIS_URL}: started a private one at ${redis.url} (files in ${dataDir}/redis)`,
    );
  } else say(`Redis at ${redis.url}`);

  const apiUrl = `http://127.0.0.1:${env.API_PORT}`;
  const shared = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: env.QUEUE_PREFIX,
    LOG_LEVEL: env.LOG_LEVEL,
    ADMIN_TOKEN: adminToken,
  };
  const node = process.execPath;
  await start({
    name: 'api',
    command: node,
    args: ['--import', 'tsx', 'src/main.ts'],
    cwd: resolve(ROOT, 'apps/api'),
    critical: true,
    env: {
      ...shared,
      DATA_DIR: dataDir,
      API_PORT: String(env.API_PORT),
      // The demo is for looking around: reads need no token.
      PUBLIC_READ: env.DEMO === 'on' ? 'on' : env.PUBLIC_READ,
    },
    // Failing health (503: failed load jobs to retry, say) is still an API that answers.
    ready: httpReady(`${apiUrl}/api/v1/health`, (status) => status === 200 || status === 503),
  });
  for (let i = 1; i <= env.VALIDATE_WORKERS; i++) {
    await start({
      name: `worker-${i}`,
      command: node,
      args: ['--import', 'tsx', 'src/validate-worker.main.ts'],
      cwd: resolve(ROOT, 'pipelines/ingest'),
      env: shared,
      ready: async () => true,
    });
  }
  const dashboardUrl = `http://127.0.0.1:${env.DASHBOARD_PORT}`;
  await start({
    name: 'dashboard',
    command: node,
    args: ['build/index.js'],
    cwd: resolve(ROOT, 'apps/dashboard'),
    // adapter-node refuses bodies over 512 KB by default: imports are uploaded through it (4G,
    // as in its Dockerfile). It also takes pages to be https unless ORIGIN says otherwise (the
    // session cookie's Secure flag).
    env: {
      PORT: String(env.DASHBOARD_PORT),
      HOST: '0.0.0.0',
      API_URL: apiUrl,
      BODY_SIZE_LIMIT: '4G',
      ORIGIN: process.env.ORIGIN ?? dashboardUrl,
    },
    // Any answer below 500 means it serves pages: with reads closed (DEMO=off, PUBLIC_READ=off)
    // an anonymous page load is a 401, and that is the dashboard working.
    ready: httpReady(dashboardUrl, (status) => status < 500),
  });

  if (env.DEMO === 'on') {
    await seedHistory(apiUrl, adminToken, dataDir, say);
    void streamDemo(apiUrl, adminToken, live.signal, say);
  }

  say('');
  say(`Dashboard   ${dashboardUrl}`);
  say(`API         ${apiUrl}/api/v1  (docs: ${apiUrl}/api/v1/docs)`);
  say(
    `Admin token ${adminToken}${env.ADMIN_TOKEN ? '' : `  (generated, also in ${adminTokenPath(dataDir)}: set ADMIN_TOKEN to keep one)`}`,
  );
  say(`Data        ${dataDir}`);
  if (env.DEMO === 'on') {
    say(
      `Demo        ${DEMO_VILLAGES.toLocaleString('en-US')} villages, live reports at ${LIVE_RATE}/s (DEMO=off to skip)`,
    );
  }
  say('Ctrl-C stops everything.');
} catch (error) {
  // A stop during the start makes whatever was starting fail: that is the stop, not an error.
  if (stopping) await stopAll(0);
  say(
    error instanceof RedisUnavailable
      ? error.message
      : `could not start: ${(error as Error).message}`,
  );
  await stopAll(1);
}
