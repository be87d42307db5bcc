// Progress and summary lines for the CLI: counts, rates and an ETA, readable at a glance.

/** On a terminal the progress line is redrawn this often; in a log, a line is added less often. */
const TTY_INTERVAL_MS = 500;
const LOG_INTERVAL_MS = 10_000;
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

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
}

/** One progress line: rows so far, of about how many, at what rate, and when it will be done. */
export function progressLine(rows: number, expected: number, elapsedMs: number): string {
  const rate = rowsPerSecond(rows, elapsedMs);
  const share = expected > 0 ? Math.min(1, rows / expected) : 0;
  const eta = rate > 0 ? formatDuration((Math.max(0, expected - rows) / rate) * 1000) : '?';
  return `${formatCount(rows)} / ~${formatCount(expected)} rows (${Math.round(share * 100)} %) · ${formatCount(rate)} rows/s · ETA ${eta}`;
}

export interface ProgressMeter {
  update(rows: number): void;
  /** Clears the redrawn line, so the summary that follows starts on a fresh line. */
  finish(): void;
}

export function createProgressMeter(options: {
  expected: number;
  write: (text: string) => void;
  isTty: boolean;
  now?: () => number;
}): ProgressMeter {
  const { expected, write, isTty, now = Date.now } = options;
  const started = now();
  const interval = isTty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS;
  let lastShown = started;
  let drawn = false;
  return {
    update(rows) {
      const at = now();
      if (at - lastShown < interval) return;
      lastShown = at;
      const line = progressLine(rows, expected, at - started);
      write(isTty ? `\r\x1b[2K${line}` : `${line}\n`);
      drawn = isTty;
    },
    finish() {
      if (drawn) write('\r\x1b[2K');
    },
  };
}
