// Where a CLI stands: the directory the user ran npm in, the data dir `npm start` uses, the
// running API and the admin token to call it with.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { adminTokenPath, parseEnv, readAdminTokenFile, resolveDataDir } from '@pantau/config';
import { createApiClient, type ApiClient } from '@pantau/api/client';
import { CliError, UsageError } from './run-cli';

export type EnvSource = Record<string, string | undefined>;

export function loadEnv(source: EnvSource = process.env) {
  return parseEnv(
    ['REDIS_URL', 'QUEUE_PREFIX', 'API_PORT', 'API_URL', 'ADMIN_TOKEN', 'DATA_DIR'],
    source,
  );
}

export type CliEnv = ReturnType<typeof loadEnv>;

/** Where the user ran npm from: `npm run -w` moves the working directory into the package. */
export function invocationDir(source: EnvSource = process.env): string {
  return source.INIT_CWD || process.cwd();
}

/** A path the user typed, read against the directory they typed it in. */
export function userPath(path: string, source: EnvSource = process.env): string {
  return resolve(invocationDir(source), path);
}

/** DATA_DIR, read as `npm start` reads it. */
export function dataDirOf(env: CliEnv): string {
  return resolveDataDir(env.DATA_DIR);
}

/** The API: --api, else API_URL when set, else where `npm start` serves it (API_PORT). */
export function apiUrlOf(env: CliEnv, flag?: string, source: EnvSource = process.env): string {
  const url = flag ?? (source.API_URL ? env.API_URL : `http://127.0.0.1:${env.API_PORT}`);
  return url.replace(/\/+$/, '');
}

/** --token, else ADMIN_TOKEN, else the admin token `npm start` generated into DATA_DIR. */
export function adminTokenOf(env: CliEnv, flag?: string): string | null {
  return flag ?? env.ADMIN_TOKEN ?? readAdminTokenFile(dataDirOf(env));
}

export interface Connection {
  client: ApiClient;
  apiUrl: string;
}

/** The typed client of the running API, with the token; a clear error when there is none. */
export function connect(
  env: CliEnv,
  flags: { api?: string; token?: string },
  source: EnvSource = process.env,
): Connection {
  const token = adminTokenOf(env, flags.token);
  if (!token) {
    throw new CliError(
      `No token: pass --token, set ADMIN_TOKEN, or start the system (npm start) so that it ` +
        `writes its admin token to ${adminTokenPath(dataDirOf(env))}`,
      2,
    );
  }
  const apiUrl = apiUrlOf(env, flags.api, source);
  return { client: createApiClient({ baseUrl: apiUrl, token }), apiUrl };
}

/**
 * The data dir of a CLI that opens it (`[--data-dir <dir>] [--help]`): --data-dir read where the
 * user typed it, else DATA_DIR as `npm start` reads it; null when --help printed `usage`.
 */
export function dataDirFromArgs(argv: string[], usage: string): string | null {
  let values: { 'data-dir'?: string; help: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(usage);
    return null;
  }
  const flag = values['data-dir'];
  return flag ? userPath(flag) : dataDirOf(loadEnv());
}
