// The simulator's environment, parsed once: where Redis and the API are, and the admin token.
import { resolve } from 'node:path';
import { parseEnv, readAdminTokenFile } from '@pantau/config';

export function loadEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(['REDIS_URL', 'QUEUE_PREFIX', 'API_PORT', 'ADMIN_TOKEN', 'DATA_DIR'], source);
}

/** ADMIN_TOKEN, else the one `npm start` or the API generated into DATA_DIR/admin-token. */
export function adminTokenOf(
  env: SimulatorEnv,
  source: Record<string, string | undefined> = process.env,
): string | null {
  return env.ADMIN_TOKEN ?? readAdminTokenFile(resolve(invocationDir(source), env.DATA_DIR));
}

export type SimulatorEnv = ReturnType<typeof loadEnv>;

/** Where the user ran npm from: `npm run -w` moves the working directory into the package. */
export function invocationDir(source: Record<string, string | undefined> = process.env): string {
  return source.INIT_CWD || process.cwd();
}
