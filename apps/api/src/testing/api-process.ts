// Runs the real API process (tsx apps/api/src/main.ts, or its build) as a child, to stop or kill it
// in tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: no cleanup at all, like a crash or a power cut. */
  kill(): Promise<void>;
}

/** How the API runs: its TypeScript through tsx, or the JavaScript `npm run build` compiled. */
const ENTRY = {
  source: ['--import', 'tsx', 'src/main.ts'],
  compiled: ['--enable-source-maps', 'dist/main.js'],
} as const;

/** `nodeArgs` go to Node itself (`--cpu-prof`, which NODE_OPTIONS does not take). */
export async function startApiProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  entry: keyof typeof ENTRY = 'source',
): Promise<ApiProcess> {
  const port = Number(env.API_PORT ?? (await freePort()));
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, ...ENTRY[entry]], {
    cwd: API_DIR,
    // The lake publisher is off unless a test asks for it: its Parquet would only slow others.
    env: { ...process.env, LOG_LEVEL: 'warn', LAKE: 'off', ...env, API_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited at start:\n${output}`);
    // 503 is an API that answers and says what is wrong (failed load jobs left by a crash).
    const healthy = await fetch(`${url}/api/v1/health`)
      .then(async (r) => {
        await r.arrayBuffer();
        return r.status === 200 || r.status === 503;
      })
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      // Never leave a half-started API behind: it would hold its port and run a loader.
      child.kill('SIGKILL');
      await exited;
      throw new Error(`API did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
