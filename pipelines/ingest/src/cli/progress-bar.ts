// A progress line for long CLI work: a bar on a terminal, a periodic line when piped.

const WIDTH = 30;
/** When output is not a terminal, print at most one line per this many ms. */
const PIPED_EVERY_MS = 2_000;

const number = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

export class ProgressBar {
  private readonly started = Date.now();
  private lastPrinted = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private readonly unit: string,
  ) {}

  update(done: number, total: number | null): void {
    const now = Date.now();
    if (!this.tty && now - this.lastPrinted < PIPED_EVERY_MS) return;
    this.lastPrinted = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    let line: string;
    if (total && total > 0) {
      const share = Math.min(1, done / total);
      const filled = Math.round(share * WIDTH);
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      line =
        `${this.label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
        `${number(done)}/${number(total)} ${this.unit}  ${number(rate)} ${this.unit}/s  ETA ${duration(eta)}`;
    } else {
      line = `${this.label} ${number(done)} ${this.unit}  ${number(rate)} ${this.unit}/s`;
    }
    process.stderr.write(this.tty ? `\r${line}\u001b[K` : `${line}\n`);
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}
