// The simulate command line: its usage text and the parsing of argv into a checked command.
import { parseArgs } from 'node:util';
import { isPeriod } from '@pantau/domain';
import {
  ALL_VILLAGES_COUNT,
  DEFAULT_CORRECTION_RATE,
  DEFAULT_ENROLMENT,
  DEFAULT_INVALID_RATE,
  MAX_CORRECTION_RATE,
  MAX_INVALID_RATE,
  MAX_MISTAKE_RATE,
  MIN_ENROLMENT,
  type BooleanSpelling,
  type EnrolmentSize,
} from '@pantau/simulator';
import { UsageError } from '../run-cli';

export const USAGE = `Usage:
  npm run simulate -- file --out <path|-> [options]     write reports to a CSV or NDJSON file ('-' = stdout)
      --format csv|ndjson        default: from the file extension (.ndjson/.jsonl), else csv
      --villages <n>|all         enrolled villages, ${MIN_ENROLMENT}–${ALL_VILLAGES_COUNT} (default ${DEFAULT_ENROLMENT})
      --from YYYY-MM             first period (default 2023-01)
      --to YYYY-MM               last period (default 2024-12)
      --seed <n>                 default 42; the same seed gives the same file
      --invalid-rate <r>         share of rows of EACH invalid kind (default ${DEFAULT_INVALID_RATE}, max ${MAX_INVALID_RATE})
      --correction-rate <r>      share of reports later corrected (default ${DEFAULT_CORRECTION_RATE})
      --mistake-rate <r>         share of reports with a realistic mistake (a value ×10, rupiah in
                                 thousands, last month copied forward for months), for the quality
                                 page (default 0)
      --booleans true-false|ya-tidak   how CSV booleans are spelt (default true-false)
      --roster <path>            also write the cadre roster CSV

  npm run simulate -- live --rate <reports/s> --target api|queue [options]   stream this month's reports
      --api-url <url>            default API_URL when set, else http://127.0.0.1:$API_PORT
      --token <token>            bearer token for the API (default $ADMIN_TOKEN, else the
                                 token npm start generated into DATA_DIR/admin-token)
      --villages, --seed, --correction-rate, --mistake-rate   as above
      --invalid-rate <r>         default 0
      --duration <s>             stop after this many seconds (default: until Ctrl-C)
      --limit <n>                stop after this many reports

  The queue target uses REDIS_URL and QUEUE_PREFIX from the environment.
`;

interface Common {
  villages: EnrolmentSize;
  seed: number;
  invalidRate: number;
  correctionRate: number;
  /** Only when given: generateReports' default (0) otherwise. */
  mistakeRate?: number;
}

export type FileFormat = 'csv' | 'ndjson';

export type Command =
  | { name: 'help' }
  | (Common & {
      name: 'file';
      out: string;
      format: FileFormat;
      from: string;
      to: string;
      booleans: BooleanSpelling;
      roster?: string;
    })
  | (Common & {
      name: 'live';
      rate: number;
      target: 'api' | 'queue';
      apiUrl?: string;
      token?: string;
      durationSeconds?: number;
      limit?: number;
    });

const OPTIONS = {
  out: { type: 'string' },
  format: { type: 'string' },
  villages: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  seed: { type: 'string' },
  'invalid-rate': { type: 'string' },
  'correction-rate': { type: 'string' },
  'mistake-rate': { type: 'string' },
  booleans: { type: 'string' },
  roster: { type: 'string' },
  rate: { type: 'string' },
  target: { type: 'string' },
  'api-url': { type: 'string' },
  token: { type: 'string' },
  duration: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FILE_ONLY = ['out', 'format', 'from', 'to', 'booleans', 'roster'] as const;
const LIVE_ONLY = ['rate', 'target', 'api-url', 'token', 'duration', 'limit'] as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

function text(values: Values, name: keyof typeof OPTIONS): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function number(
  values: Values,
  name: keyof typeof OPTIONS,
  fallback: number,
  check: { min: number; max: number; whole?: boolean; exclusiveMin?: boolean },
): number {
  const raw = text(values, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const belowMin = check.exclusiveMin ? value <= check.min : value < check.min;
  if (
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    belowMin ||
    value > check.max ||
    (check.whole && !Number.isInteger(value))
  ) {
    const kind = check.whole ? 'a whole number' : 'a number';
    const bound = check.exclusiveMin ? `above ${check.min}` : `from ${check.min}`;
    throw new UsageError(`--${name} must be ${kind} ${bound} to ${check.max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(
  values: Values,
  name: keyof typeof OPTIONS,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const raw = text(values, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function period(values: Values, name: 'from' | 'to', fallback: string): string {
  const raw = text(values, name) ?? fallback;
  if (!isPeriod(raw)) throw new UsageError(`--${name} must be a period YYYY-MM, got "${raw}"`);
  return raw;
}

function common(values: Values, defaultInvalidRate: number): Common {
  const villagesRaw = text(values, 'villages');
  return {
    villages:
      villagesRaw === 'all'
        ? 'all'
        : number(values, 'villages', DEFAULT_ENROLMENT, {
            min: MIN_ENROLMENT,
            max: ALL_VILLAGES_COUNT,
            whole: true,
          }),
    seed: number(values, 'seed', 42, { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true }),
    invalidRate: number(values, 'invalid-rate', defaultInvalidRate, {
      min: 0,
      max: MAX_INVALID_RATE,
    }),
    correctionRate: number(values, 'correction-rate', DEFAULT_CORRECTION_RATE, {
      min: 0,
      max: MAX_CORRECTION_RATE,
    }),
    ...(values['mistake-rate'] === undefined
      ? {}
      : { mistakeRate: number(values, 'mistake-rate', 0, { min: 0, max: MAX_MISTAKE_RATE }) }),
  };
}

function refuse(values: Values, names: readonly (keyof typeof OPTIONS)[], command: string): void {
  const given = names.filter((name) => values[name] !== undefined);
  if (given.length > 0)
    throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} does not apply to "${command}"`);
}

/** Parses `simulate` arguments (without node and the script); throws UsageError when they are wrong. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (values.help || name === 'help' || name === undefined) return { name: 'help' };
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  if (name === 'file') {
    refuse(values, LIVE_ONLY, name);
    const out = text(values, 'out');
    if (!out) throw new UsageError('file needs --out <path> (or --out - for stdout)');
    const inferred: FileFormat = /\.(ndjson|jsonl)$/i.test(out) ? 'ndjson' : 'csv';
    const from = period(values, 'from', '2023-01');
    const to = period(values, 'to', '2024-12');
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const roster = text(values, 'roster');
    return {
      name,
      out,
      format: oneOf<FileFormat>(values, 'format', ['csv', 'ndjson'], inferred) as FileFormat,
      from,
      to,
      booleans: oneOf<BooleanSpelling>(
        values,
        'booleans',
        ['true-false', 'ya-tidak'],
        'true-false',
      ) as BooleanSpelling,
      ...(roster === undefined ? {} : { roster }),
      ...common(values, DEFAULT_INVALID_RATE),
    };
  }

  if (name === 'live') {
    refuse(values, FILE_ONLY, name);
    const target = oneOf(values, 'target', ['api', 'queue'] as const);
    if (!target) throw new UsageError('live needs --target api|queue');
    if (text(values, 'rate') === undefined)
      throw new UsageError('live needs --rate <reports per second>');
    const apiUrl = text(values, 'api-url');
    if (apiUrl !== undefined && !URL.canParse(apiUrl))
      throw new UsageError(`--api-url is not a URL: "${apiUrl}"`);
    const token = text(values, 'token');
    const duration = text(values, 'duration');
    const limit = text(values, 'limit');
    return {
      name,
      rate: number(values, 'rate', 0, { min: 0, max: 1_000_000, exclusiveMin: true }),
      target,
      ...(apiUrl === undefined ? {} : { apiUrl }),
      ...(token === undefined ? {} : { token }),
      ...(duration === undefined
        ? {}
        : {
            durationSeconds: number(values, 'duration', 0, {
              min: 0,
              max: 1e9,
              exclusiveMin: true,
            }),
          }),
      ...(limit === undefined
        ? {}
        : { limit: number(values, 'limit', 0, { min: 1, max: 1e12, whole: true }) }),
      ...common(values, 0),
    };
  }

  throw new UsageError(`unknown command "${name}": use file or live`);
}
