// `npm start` from a fresh clone: installs and builds what is missing, then runs the stack.
// Plain JavaScript on purpose: it runs before the dependencies (TypeScript, tsx) are installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Whether file `a` (relative to the root) changed after `b` was written, or `b` is missing. */
function newer(a, b) {
  const [left, right] = [join(root, a), join(root, b)];
  return !existsSync(right) || statSync(left).mtimeMs > statSync(right).mtimeMs;
}

if (newer('package-lock.json', 'node_modules/.package-lock.json')) {
  process.stdout.write('pantau: installing dependencies (npm ci)…\n');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
process.stdout.write('pantau: building the dashboard…\n');
run('npx', ['turbo', 'run', 'build', '--filter=@pantau/dashboard', '--output-logs=errors-only'], {
  TURBO_TELEMETRY_DISABLED: '1',
});
// The stack stops everything in order on SIGINT/SIGTERM. A terminal's Ctrl-C reaches it directly;
// a signal sent to npm or to this script alone (a process manager, `kill`) is passed on, and this
// script waits for the stack to finish stopping.
const stack = spawn(process.execPath, ['--import', 'tsx', 'apps/stack/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stack.kill(signal));
}
stack.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
