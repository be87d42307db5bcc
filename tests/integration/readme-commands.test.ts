// The README's command-line session, run verbatim from the repository root beside the system
// started as `npm start` starts it (apps/stack, no ADMIN_TOKEN: it generates one into DATA_DIR),
// the way a new user would in a second terminal. The commands are read from README.md, so a
// change there runs here.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startProcess, type ServerProcess } from '../e2e/support/processes';
import { assertDashboardBuilt, dropQueueKeys } from '../e2e/support/servers';
import { readmeCommands, runShell, startShell, type Finished } from './support/shell';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOOLS = ['simulate', 'ingest', 'tokens', 'hierarchy'];
const STACK_START_MS = 240_000;
const COMMAND_MS = 240_000;
/** How long the live feeder streams before Ctrl-C. */
const LIVE_MS = 3_000;

const dataDir = mkdtempSync(join(tmpdir(), 'pantau-readme-'));
const queuePrefix = `readme-${randomUUID().slice(0, 8)}`;
let apiPort: number;
let stack: ServerProcess;
/** The environment of the second terminal: what `npm start` was given, nothing more. */
let userEnv: NodeJS.ProcessEnv;
/** Files the commands wrote into the repository root, removed afterwards. */
const written = new Set<string>();

function terminalEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // The test runner's own npm would otherwise lend its values to the commands.
  for (const name of ['ADMIN_TOKEN', 'INIT_CWD', 'API_URL', 'CI', 'NO_COLOR']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
  return env;
}

async function stackReady(): Promise<void> {
  const deadline = Date.now() + STACK_START_MS;
  while (!stack.logTail().includes('Ctrl-C stops everything.')) {
    if (stack.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the stack did not start:\n${stack.logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  assertDashboardBuilt();
  apiPort = await freePort();
  const system = {
    DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    QUEUE_PREFIX: queuePrefix,
    REDIS_URL,
  };
  userEnv = terminalEnv(system);
  // What scripts/start.mjs runs once dependencies and the dashboard build are in place.
  stack = startProcess({
    name: 'readme-stack',
    command: process.execPath,
    args: ['--import', 'tsx', 'apps/stack/src/main.ts'],
    cwd: ROOT,
    env: {
      ...system,
      ADMIN_TOKEN: '',
      DASHBOARD_PORT: String(await freePort()),
      DEMO: 'off',
      VALIDATE_WORKERS: '1',
      LOG_LEVEL: 'warn',
    },
    logDir: join(dataDir, 'logs'),
  });
  await stackReady();
}, STACK_START_MS + 10_000);

afterAll(async () => {
  await stack?.stop();
  for (const file of written) rmSync(join(ROOT, file), { force: true });
  await dropQueueKeys(REDIS_URL, queuePrefix);
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (command: string, stdinFile?: string) =>
  runShell(command, { cwd: ROOT, env: userEnv, ...(stdinFile ? { stdinFile } : {}) });

const api = (path: string, token?: string) =>
  fetch(`http://127.0.0.1:${apiPort}/api/v1${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

/** The value of `--name` or `--out` (quoted or not) in a command. */
function option(command: string, name: string): string | undefined {
  return new RegExp(`${name} (?:"([^"]*)"|(\\S+))`).exec(command)?.slice(1).find(Boolean);
}

const explain = (result: Finished) =>
  `${result.command} → ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;

/** What each kind of README command must do; one the test does not know fails it. */
async function check(command: string, names: string[]): Promise<void> {
  const [, , tool, , subcommand = ''] = command.split(/\s+/);
  if (tool === 'simulate' && subcommand === 'live') {
    const live = startShell(command, { cwd: ROOT, env: userEnv });
    await live.saw('streaming', COMMAND_MS);
    await new Promise((resolve) => setTimeout(resolve, LIVE_MS));
    live.interrupt();
    const result = await live.finished;
    const sent = /sent ([\d,]+) reports in/.exec(result.stderr)?.[1];
    expect(Number(sent?.replace(/,/g, '')), explain(result)).toBeGreaterThan(0);
    expect(result.stderr, explain(result)).toMatch(/, 0 failed/);
    return;
  }
  const result = await run(command);
  const why = explain(result);
  if (tool === 'simulate' && subcommand === 'file') {
    const out = option(command, '--out')!;
    written.add(out);
    expect(result.code, why).toBe(0);
    expect(existsSync(join(ROOT, out)), why).toBe(true);
  } else if (tool === 'ingest' && subcommand === 'failed') {
    expect(result.code, why).toBe(0);
    expect(result.stdout, why).toMatch(/^0 failed job\(s\)/m);
  } else if (tool === 'ingest') {
    expect(result.stdout, why).toMatch(/^(Dry run|Import) \S+ \(.+\): completed in /m);
    const imported = Number(/^ {2}imported +([\d,]+)/m.exec(result.stdout)?.[1]?.replace(/,/g, ''));
    const rejected = Number(/^ {2}rejected +([\d,]+)/m.exec(result.stdout)?.[1]?.replace(/,/g, ''));
    expect(imported, why).toBeGreaterThan(0);
    expect(result.code, why).toBe(rejected > 0 ? 1 : 0);
  } else if (tool === 'tokens' && subcommand === 'create') {
    expect(result.code, why).toBe(0);
    const token = result.stdout.trim().split('\n').at(-1)!;
    names.push(option(command, '--name')!);
    // The new token works against the running API: no second database behind its back.
    expect((await api('/areas?level=province', token)).status, why).toBe(200);
    expect((await api('/areas?level=province')).status).toBe(401);
  } else if (tool === 'tokens' && subcommand === 'list') {
    expect(result.code, why).toBe(0);
    for (const name of names) expect(result.stdout, why).toContain(name);
  } else {
    throw new Error(`The README has a command this test does not know: ${command}`);
  }
}

describe("the README's command-line session, beside a running npm start", () => {
  const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'), TOOLS);

  it('finds the session in the README', () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
  });

  it(
    'works verbatim from the repository root, with no ADMIN_TOKEN set',
    async () => {
      const names: string[] = [];
      for (const command of commands) await check(command, names);
    },
    COMMAND_MS * 3,
  );

  it(
    'reads a file from stdin and prints the summary as JSON',
    async () => {
      const file = commands.map((c) => option(c, '--out')).find(Boolean)!;
      const result = await run('npm run -s ingest -- - --dry-run --json', join(ROOT, file));
      expect(result.code, explain(result)).toBeLessThanOrEqual(1);
      const summary = JSON.parse(result.stdout) as {
        status: string;
        rows: number;
        dry_run: boolean;
      };
      expect(summary).toMatchObject({ status: 'completed', dry_run: true });
      expect(summary.rows).toBeGreaterThan(0);
      // No progress line in a pipe.
      expect(result.stderr).toBe('');
    },
    COMMAND_MS,
  );

  it(
    'reads paths from the directory npm runs in, below the root too',
    async () => {
      const file = commands.map((c) => option(c, '--out')).find(Boolean)!;
      const result = await runShell(`npm run -s ingest -- ../${file} --dry-run --json`, {
        cwd: join(ROOT, 'scripts'),
        env: userEnv,
      });
      expect(result.code, explain(result)).toBeLessThanOrEqual(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ filename: file, status: 'completed' });
    },
    COMMAND_MS,
  );

  it('prints --help on stdout', async () => {
    const result = await run('npm run -s ingest -- --help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage:/);
  });

  it('says why the hierarchy cannot be loaded while the API holds the data dir', async () => {
    const result = await run('npm run hierarchy');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/is in use, by the running API \(npm start\)/);
  });
});
