// Child processes of the stack: started with a readiness check, output prefixed, restarted with
// backoff when they die on their own, stopped in order.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLOURS = [36, 33, 35, 32, 34, 31];
const STOP_GRACE_MS = 15_000;
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 200;
/** First wait before a restart; it doubles with each crash in a row, up to the maximum. */
const RESTART_BACKOFF_MS = 1_000;
const RESTART_BACKOFF_MAX_MS = 30_000;
/** A service that ran this long before dying starts its backoff afresh. */
const STABLE_AFTER_MS = 60_000;
/** A critical service that dies this many times in a row before it is ready cannot run. */
const CRITICAL_START_FAILURES = 3;

export interface Service {
  name: string;
  /** The running process (a new one after each restart). */
  readonly child: ChildProcess;
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
  /**
   * Without it the stack cannot work (the API): when it keeps dying before it is ready,
   * `onGiveUp` is called. Other services are restarted for as long as the stack runs.
   */
  critical?: boolean;
  /** Called once a critical service cannot be started again. */
  onGiveUp: (name: string, reason: string) => void;
  /** Where the supervisor says what it does (restarts, giving up). */
  say: (line: string) => void;
  /** First restart delay (tests shorten it). */
  backoffMs?: number;
}

/** Starts a service that the caller stops with the rest, and resolves once it is ready. */
export type StartService = (
  options: Omit<ServiceOptions, 'onGiveUp' | 'say' | 'backoffMs'>,
) => Promise<void>;

let colour = 0;

async function waitUntilReady(child: ChildProcess, options: ServiceOptions): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await options.ready())) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${options.name} exited while starting (code ${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${options.name} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

/**
 * Spawns a service and returns it at once, so that a stop during its start stops it too; await
 * its `ready` before starting what depends on it. When it dies on its own it is started again
 * after a backoff (1 s, 2 s, 4 s … 30 s), saying so; a critical one that keeps dying before it
 * is ready is given up.
 */
export function startService(options: ServiceOptions): Service {
  const tint = COLOURS[colour++ % COLOURS.length];
  const prefix = `\u001b[${tint}m${options.name.padEnd(9)}\u001b[0m│ `;
  const backoffBase = options.backoffMs ?? RESTART_BACKOFF_MS;
  let stopping = false;
  let restarts = 0;
  let failuresBeforeReady = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let exited: Promise<void> = Promise.resolve();

  function launch(): { child: ChildProcess; ready: Promise<void> } {
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
    const startedAt = Date.now();
    let isReady = false;
    const ready = waitUntilReady(child, options).then(() => {
      isReady = true;
      failuresBeforeReady = 0;
    });
    ready.catch(() => undefined); // a restart's readiness is nobody's to await
    exited = new Promise<void>((resolve) =>
      child.on('exit', (code, signal) => {
        resolve();
        if (stopping) return;
        if (!isReady) failuresBeforeReady++;
        if (options.critical && failuresBeforeReady >= CRITICAL_START_FAILURES) {
          const reason = `${options.name} exited ${failuresBeforeReady} times before it was ready (last: ${describeExit(code, signal)})`;
          options.say(`${reason}: it cannot run`);
          options.onGiveUp(options.name, reason);
          return;
        }
        if (Date.now() - startedAt >= STABLE_AFTER_MS) restarts = 0;
        const delay = Math.min(backoffBase * 2 ** restarts, RESTART_BACKOFF_MAX_MS);
        restarts++;
        options.say(
          `${options.name} exited unexpectedly (${describeExit(code, signal)}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${restarts})`,
        );
        restartTimer = setTimeout(() => {
          restartTimer = null;
          if (!stopping) current = launch();
        }, delay);
      }),
    );
    return { child, ready };
  }

  let current = launch();
  return {
    name: options.name,
    get child() {
      return current.child;
    },
    ready: current.ready,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const { child } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
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
