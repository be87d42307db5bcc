// The simulator's environment, parsed once: where Redis and the API are, and the admin token.
import { parseEnv } from '@pantau/config';

export function loadEnv(source: Record<string, string | undefined> = process.env) {
  return parseEnv(['REDIS_URL', 'QUEUE_PREFIX', 'API_PORT', 'ADMIN_TOKEN'], source);
}

export type SimulatorEnv = ReturnType<typeof loadEnv>;

/** Where the user ran npm from: `npm run -w` moves the working directory into the package. */
export function invocationDir(source: Record<string, string | undefined> = process.env): string {
  return source.INIT_CWD || process.cwd();
}
