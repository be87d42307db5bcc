// The system a bench runs imports through: the API process and validate worker processes on a
// fresh data dir and a queue prefix of their own on the shared Redis, all removed by stop().
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess, type ApiProcess } from '@pantau/api/process';
import { createRedis, deleteQueueKeys } from '@pantau/ingest';
import { startWorkerProcess, type WorkerProcess } from '@pantau/ingest/process';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchStack {
  api: ApiProcess;
  workers: WorkerProcess[];
  prefix: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Names the temp data dir (`pantau-bench-<name>-…`). */
  name: string;
  token: string;
  workers: number;
  /** More environment for every process. */
  env?: Record<string, string>;
  /** Node arguments for every process (`--cpu-prof` …). */
  nodeArgs?: string[];
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `pantau-bench-${options.name}-`));
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const env = {
    DATA_DIR: dataDir,
    QUEUE_PREFIX: prefix,
    ADMIN_TOKEN: options.token,
    REDIS_URL,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const nodeArgs = options.nodeArgs ?? [];
  const api = await startApiProcess(env, nodeArgs);
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < options.workers; i++) workers.push(await startWorkerProcess(env, nodeArgs));
  return {
    api,
    workers,
    prefix,
    dataDir,
    async stop() {
      for (const worker of workers) await worker.stop();
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
      const redis = createRedis(REDIS_URL);
      await deleteQueueKeys(redis, prefix);
      await redis.quit();
    },
  };
}
