// Environment variables used across Pantau, with their defaults, and one parser for all of them.
import { availableParallelism } from 'node:os';
import { z } from 'zod';

export * from './admin-token-file';
export * from './data-dir';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);
const onOff = (fallback: 'on' | 'off') => z.enum(['on', 'off']).default(fallback);

export const KiB = 1_024;
export const MiB = 1_024 * KiB;
export const GiB = 1_024 * MiB;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: KiB,
  kb: KiB,
  kib: KiB,
  m: MiB,
  mb: MiB,
  mib: MiB,
  g: GiB,
  gb: GiB,
  gib: GiB,
};
const SIZE = /^(\d+)\s*([a-z]*)$/i;

/** The bytes a size names: `2097152`, `512KiB`, `2MiB`, `1G` (units are powers of 1,024); else NaN. */
export function parseByteSize(text: string): number {
  const match = SIZE.exec(text.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  return match && unit ? Number(match[1]) * unit : Number.NaN;
}

/** A size limit in bytes, written as a number or with a unit (`2MiB`). */
const byteSize = (fallback: number) =>
  z
    .string()
    .transform(parseByteSize)
    .pipe(
      z
        .number({ error: 'a size: bytes, or a number with KiB, MiB or GiB (e.g. 2MiB)' })
        .int()
        .min(1)
        .max(Number.MAX_SAFE_INTEGER),
    )
    .default(fallback);

/**
 * Admin tokens that are examples or defaults somewhere (compose files, docs, tutorials): a
 * deployment that kept one is open to anyone who read the same page. Compared without case or
 * punctuation, and by the words such placeholders are made of.
 */
const PLACEHOLDER_TOKEN =
  /change(me|this|it)|replace(me|this)|placeholder|example|your(admin|api)?(token|secret)|^(admin|password|secret|token|test|demo|default|pantau)+\d*$|^(?<char>.)\k<char>+$/;

/** Whether `token` is a known placeholder rather than a secret someone chose or generated. */
export function isPlaceholderToken(token: string): boolean {
  return PLACEHOLDER_TOKEN.test(token.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

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
  /**
   * The Chromium (or Chrome) executable that prints bulletins to PDF; Debian's package puts it
   * here. Without one, PDF routes answer 503 saying what to install.
   */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  ADMIN_TOKEN: z
    .string()
    .min(16, 'at least 16 characters')
    .refine(
      (token) => !isPlaceholderToken(token),
      'a placeholder, not a secret: generate one (e.g. `openssl rand -base64 32`)',
    )
    .optional(),
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
  /**
   * A file the validate worker rewrites every few seconds while it runs and reaches Redis (unset:
   * none): its image's HEALTHCHECK fails when the file grows old.
   */
  WORKER_HEARTBEAT_FILE: z.string().min(1).optional(),
  /** How long a killed validate worker's jobs stay locked before another worker takes them. */
  VALIDATE_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Largest import file, in bytes (4 GiB: some 20 million reports). */
  IMPORT_MAX_BYTES: byteSize(4 * GiB),
  /**
   * Bytes that dry-run uploads may hold in DATA_DIR/spool at once (1 GiB); beyond it, or when
   * the disk would keep less than that free, a dry run is refused (507) rather than fill the
   * disk the database lives on.
   */
  SPOOL_QUOTA_BYTES: byteSize(GiB),
  /**
   * Reports a token may submit per minute through POST /reports (a minute's worth may come at
   * once): machine clients (engineer, admin tokens) and cadres. Beyond it: 429 with Retry-After.
   */
  SUBMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60_000),
  SUBMIT_PER_MINUTE_CADRE: z.coerce.number().int().min(1).default(120),
  /**
   * Largest body of POST /reports: 1,000 typical reports take well under 1 MiB, and the API
   * parses a body whole, so the cap is what one request may hold in memory.
   */
  REPORTS_MAX_BYTES: byteSize(2 * MiB),
  /** Largest roster upload (POST /cadres): a national roster of 83,763 cadres is about 6 MiB. */
  CADRES_MAX_BYTES: byteSize(16 * MiB),
  /** Largest body of the dashboard's sign-in (POST /session): a token in a little JSON. */
  SESSION_MAX_BYTES: byteSize(4 * KiB),
  /** Open /live streams the API serves at once; one more is refused with a 503. */
  LIVE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /**
   * Events waiting for a live client that reads too slowly; past this many bytes the client is
   * dropped (its browser reconnects and reloads what changed) rather than held in memory.
   */
  LIVE_CLIENT_BUFFER_BYTES: byteSize(MiB),
  /**
   * Memory for serialised read responses kept until the next load (least recently used go
   * first): national district /scores is about 2 MiB of JSON plus its compressed forms.
   */
  READ_CACHE_BYTES: byteSize(64 * MiB),
  /**
   * Whether the API's loader publishes the store as a Parquet lake under DATA_DIR/lake (for
   * readers beside the API: DuckDB, pandas, Spark, Trino; read replicas).
   */
  LAKE: onOff('on'),
  /**
   * Least seconds between two lake versions. A version rewrites only the months loaded since
   * the last one, but that is still a national month's Parquet after each busy interval.
   */
  LAKE_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(30),
} as const;

export type EnvVarName = keyof typeof envVars;

/** Variables whose value an error never repeats: it names the variable and what is wrong. */
const SECRET_VARS: ReadonlySet<string> = new Set<EnvVarName>(['ADMIN_TOKEN']);
/** URLs may carry a password (`redis://:secret@host`): an error shows them without it. */
const URL_VARS: ReadonlySet<string> = new Set<EnvVarName>(['REDIS_URL', 'API_URL']);

/** How an error shows a variable's value. */
function shownValue(name: string, value: string | undefined): string {
  if (SECRET_VARS.has(name)) return ' (value not shown)';
  const text = URL_VARS.has(name) ? value?.replace(/^([a-z][\w+.-]*:\/\/).*@/i, '$1***@') : value;
  return `=${JSON.stringify(text)}`;
}

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
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${issue.path.join('.')}${shownValue(name, values[name])}: ${issue.message}`;
  });
  throw new EnvError(`Invalid environment: ${problems.join('; ')}`);
}
