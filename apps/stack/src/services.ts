// Child processes of the stack: started with a readiness check, output prefixed, stopped in order.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLOURS = [36, 33, 35, 32, 34, 31];
const STOP_GRACE_MS = 15_000;
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 200;

export interface Service {
  name: string;
  child: ChildProcess;
  /** Resolves once the service answers; rejects if it exits first or takes too long. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Resolves true once the service answers. */
  ready: () => Promise<boolean>;
  /** Called if the service dies on its own. */
  onExit: (name: string, code: number | null) => void;
}

/** Starts a service that the caller stops with the rest, and resolves once it is ready. */
export type StartService = (options: Omit<ServiceOptions, 'onExit'>) => Promise<void>;

let colour = 0;

async function waitUntilReady(child: ChildProcess, options: ServiceOptions): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await options.ready())) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited while starting (code ${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${options.name} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
}

/**
 * Spawns a service and returns it at once, so that a stop during its start stops it too; await
 * its `ready` before starting what depends on it.
 */
export function startService(options: ServiceOptions): Service {
  const tint = COLOURS[colour++ % COLOURS.length];
  const prefix = `\u001b[${tint}m${options.name.padEnd(9)}\u001b[0m│ `;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) =>
        process.stdout.write(`${prefix}${line}\n`),
      );
  }
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      if (!stopping) options.onExit(options.name, code);
      resolve();
    }),
  );
  return {
    name: options.name,
    child,
    ready: waitUntilReady(child, options),
    async stop() {
      if (child.exitCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Ready when an HTTP GET answers with a status `accept` takes (by default 2xx). */
export function httpReady(
  url: string,
  accept: (status: number) => boolean = (status) => status >= 200 && status < 300,
): () => Promise<boolean> {
  return () =>
    fetch(url)
      .then(async (res) => {
        await res.arrayBuffer();
        return accept(res.status);
      })
      .catch(() => false);
}
