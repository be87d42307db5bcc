// Environment variables used across Pantau, with their defaults, and one parser for all of them.
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);
const onOff = (fallback: 'on' | 'off') => z.enum(['on', 'off']).default(fallback);

/** Every variable a Pantau runnable may read; each runnable's env.ts picks the ones it uses. */
export const envVars = {
  API_PORT: port(8787),
  DASHBOARD_PORT: port(3000),
  /** Where other processes (dashboard, demo feeder, CLI) reach the API. */
  API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8787'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only')
    .default('pantau'),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  DEMO: onOff('on'),
  PUBLIC_READ: onOff('off'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Validate worker processes `npm start` runs: one core stays for the API and its loader (the
   * single DuckDB writer); on 2 cores a second worker only competes with the loader.
   */
  VALIDATE_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, availableParallelism() - 1)),
  /** How long a crashed loader's jobs stay locked before a restarted one takes them over. */
  LOADER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** How long a killed validate worker's jobs stay locked before another worker takes them. */
  VALIDATE_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Largest import file, in bytes (4 GiB: some 20 million reports). */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(4 * 1024 ** 3),
  /**
   * Bytes that dry-run uploads may hold in DATA_DIR/spool at once (1 GiB); beyond it, or when
   * the disk would keep less than that free, a dry run is refused (507) rather than fill the
   * disk the database lives on.
   */
  SPOOL_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(1024 ** 3),
  /**
   * Reports a token may submit per minute through POST /reports (a minute's worth may come at
   * once): machine clients (engineer, admin tokens) and cadres. Beyond it: 429 with Retry-After.
   */
  SUBMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60_000),
  SUBMIT_PER_MINUTE_CADRE: z.coerce.number().int().min(1).default(120),
} as const;

export type EnvVarName = keyof typeof envVars;

/** Raised once at start, naming every variable that is wrong. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/**
 * Parses the named variables from `source` (normally `process.env`), applying defaults.
 * Empty strings count as unset.
 */
export function parseEnv<const K extends EnvVarName>(
  names: readonly K[],
  source: Record<string, string | undefined>,
): z.infer<z.ZodObject<Pick<typeof envVars, K>>> {
  const shape = Object.fromEntries(names.map((name) => [name, envVars[name]])) as Pick<
    typeof envVars,
    K
  >;
  const values = Object.fromEntries(
    names.map((name) => [name, source[name] === '' ? undefined : source[name]]),
  );
  const parsed = z.object(shape).safeParse(values);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) =>
      `${issue.path.join('.')}=${JSON.stringify(values[String(issue.path[0])])}: ${issue.message}`,
  );
  throw new EnvError(`Invalid environment: ${problems.join('; ')}`);
}
