// Runs a validate worker process (src/validate-worker.main.ts, or its build) as a child, for tests
// and benches.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const INGEST_DIR = fileURLToPath(new URL('../..', import.meta.url));
const READY = 'validate worker ready';
const START_TIMEOUT_MS = 30_000;

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGTERM: the worker finishes the jobs in hand, then exits. */
  stop(): Promise<number | null>;
  /** SIGKILL: no cleanup at all, like a crash; its jobs stay locked until their lock expires. */
  kill(): Promise<void>;
}

/** How the worker runs: its TypeScript through tsx, or the JavaScript `npm run build` compiled. */
const ENTRY = {
  source: ['--import', 'tsx', 'src/validate-worker.main.ts'],
  compiled: ['--enable-source-maps', 'dist/validate-worker.main.js'],
} as const;

/** `nodeArgs` go to Node itself (`--cpu-prof`, which NODE_OPTIONS does not take). */
export async function startWorkerProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  entry: keyof typeof ENTRY = 'source',
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, ...ENTRY[entry]], {
    cwd: INGEST_DIR,
    // At info level the worker announces it is ready.
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`validate worker did not start:\n${output}`)),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', () => reject(new Error(`validate worker exited at start:\n${output}`)));
  });
  child.stdout?.resume();
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
