// Child processes for browser tests: free ports, servers with their logs, waiting until they answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';

/** A server gets this long to answer its first request. */
const START_TIMEOUT_MS = 120_000;
const POLL_MS = 250;
/** After SIGTERM, a server gets this long to close cleanly before SIGKILL. */
const STOP_TIMEOUT_MS = 15_000;
const LOG_TAIL_CHARS = 4_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  logFile: string;
  child: ChildProcess;
  /** The end of its log, for error messages. */
  logTail(): string;
  stop(): Promise<void>;
}

export function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  logDir: string;
}): ServerProcess {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A server that dies while tests use it would otherwise only show up as their timeouts.
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `${options.name} exited unexpectedly (${signal ?? `code ${code}`}); its log ends:\n${tail()}\n`,
    );
  });
  function tail(): string {
    try {
      return readFileSync(logFile, 'utf8').slice(-LOG_TAIL_CHARS);
    } catch {
      return '';
    }
  }
  return {
    name: options.name,
    logFile,
    child,
    logTail: tail,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Resolves when `url` answers 2xx; fails early, with its log, if the server exits. */
export async function waitForHttp(url: string, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(
        `${server.name} exited with code ${server.child.exitCode} before answering ${url}:\n${server.logTail()}`,
      );
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(
    `${server.name} did not answer ${url} in time (${lastProblem}):\n${server.logTail()}`,
  );
}

/** Whether a Redis server answers PING at host:port. */
export function redisAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
