// The one progress line of every CLI: a bar (or a running count), rate and ETA, redrawn in place
// on stderr at most a few times a second. Off when stderr is not a terminal, or under NO_COLOR
// or CI, so logs and pipes get only the summaries.

/** A terminal is redrawn at most this often. */
const REDRAW_MS = 200;
const BAR_WIDTH = 24;
/** Durations below this are shown with a tenth of a second. */
const SHORT_MS = 10_000;
const BYTES_PER_KIB = 1024;
const BYTES_PER_MIB = 1024 * BYTES_PER_KIB;
const BYTES_PER_GIB = 1024 * BYTES_PER_MIB;

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

export function formatDuration(ms: number): string {
  if (ms < SHORT_MS) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes} min ${seconds % 60} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= BYTES_PER_GIB) return `${(bytes / BYTES_PER_GIB).toFixed(2)} GiB`;
  if (bytes >= BYTES_PER_MIB) return `${(bytes / BYTES_PER_MIB).toFixed(1)} MiB`;
  return `${(bytes / BYTES_PER_KIB).toFixed(1)} KiB`;
}

export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : 0;
}

/** How a quantity reads: `1,234 rows`, `3.0 MiB`. */
export type Measure = (value: number) => string;
export const rows: Measure = (value) => `${formatCount(value)} rows`;
export const bytes: Measure = formatBytes;

/**
 * One progress line: `label [#####-----] 42 % 1,234 / 5,000 rows · 800 rows/s · ETA 5.0 s`, or,
 * without a total, `label 1,234 rows · 800 rows/s`; `note` is added at the end.
 */
export function progressLine(
  line: { label: string; measure: Measure; done: number; total: number | null; note?: string },
  elapsedMs: number,
): string {
  const { label, measure, done, total, note } = line;
  const rate = perSecond(done, elapsedMs);
  const parts: string[] = [];
  if (total !== null && total > 0) {
    const share = Math.min(1, done / total);
    const filled = Math.round(share * BAR_WIDTH);
    const eta = rate > 0 ? formatDuration((Math.max(0, total - done) / rate) * 1000) : '?';
    parts.push(
      `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.round(share * 100)} % ${measure(done)} / ${measure(total)}`,
      `${measure(rate)}/s`,
      `ETA ${eta}`,
    );
  } else {
    parts.push(`${label} ${measure(done)}`, `${measure(rate)}/s`);
  }
  if (note) parts.push(note);
  return parts.join(' · ');
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A progress line is drawn only on a terminal, and not under NO_COLOR or CI. */
export function progressEnabled(
  stream: ProgressStream = process.stderr,
  env: Record<string, string | undefined> = process.env,
): boolean {
  return stream.isTTY === true && !env.NO_COLOR && !env.CI;
}

export interface Progress {
  /** Work done so far, of `total` when known (null: a running count). */
  update(done: number, total?: number | null, note?: string): void;
  /** Clears the line, so that what follows starts on a fresh one. */
  finish(): void;
}

export interface ProgressOptions {
  label: string;
  measure?: Measure;
  total?: number | null;
  stream?: ProgressStream;
  env?: Record<string, string | undefined>;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const { label, measure = rows, stream = process.stderr, now = Date.now } = options;
  const enabled = progressEnabled(stream, options.env);
  const started = now();
  let total = options.total ?? null;
  let lastDrawn = -Infinity;
  let drawn = false;
  return {
    update(done, newTotal, note) {
      if (newTotal !== undefined) total = newTotal;
      const at = now();
      if (!enabled || at - lastDrawn < REDRAW_MS) return;
      lastDrawn = at;
      stream.write(`\r\x1b[2K${progressLine({ label, measure, done, total, note }, at - started)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
