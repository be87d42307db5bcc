// Shell commands as a user types them: run through `sh -c` in a directory, their output kept.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Finished {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  /** Resolves once `text` appears in its output. */
  saw(text: string, timeoutMs: number): Promise<void>;
  /** Ctrl-C: SIGINT to its whole process group, as a terminal sends it. */
  interrupt(): void;
  finished: Promise<Finished>;
}

const POLL_MS = 100;

/** Starts `command` in its own process group, stdin from `stdinFile` (else nothing). */
export function startShell(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; stdinFile?: string },
): Running {
  const child = spawn('sh', ['-c', command], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (options.stdinFile) child.stdin.end(readFileSync(options.stdinFile));
  else child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) =>
    child.once('close', (code) => resolve({ command, code, stdout, stderr })),
  );
  return {
    async saw(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!`${stdout}${stderr}`.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`"${command}" never printed "${text}":\n${stdout}\n${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    interrupt: () => process.kill(-child.pid!, 'SIGINT'),
    finished,
  };
}

export function runShell(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; stdinFile?: string },
): Promise<Finished> {
  return startShell(command, options).finished;
}

/** The lines of the README's ```sh blocks that run one of `tools` (`npm run <tool> …`). */
export function readmeCommands(readme: string, tools: readonly string[]): string[] {
  const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const pattern = new RegExp(`^npm run (?:${tools.join('|')})\\b`);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => pattern.test(line));
}
