// Streams reports for the current month to a sink at a steady rate (token bucket) until stopped.
import { setTimeout as sleep } from 'node:timers/promises';
import { periodOfInstant } from '@pantau/domain';
import type { EnrolledVillage } from './enrolment';
import { DEFAULT_CORRECTION_RATE, generateReports } from './generate-reports';
import { hashString, mixSeeds, Random, seedKey } from './prng';
import { MAX_REPORTS_PER_REQUEST, type ReportSink } from './report-sinks';
import type { SimulatedItem, SimulatedReport } from './simulated-item';
import { formatJakarta } from './submission-time';

/** Ticks are short enough to keep the flow smooth and long enough not to spin the CPU. */
const MIN_TICK_MS = 10;
const MAX_TICK_MS = 100;
/** Tokens saved up while the sink is slow are capped at this many seconds' worth: no bursts. */
const BURST_SECONDS = 1;
const LIVE_SALT = hashString('live');
/** Once stopping, a delivery still in flight gets this long to finish before it is abandoned. */
export const DEFAULT_STOP_GRACE_MS = 5_000;

/** A delivery abandoned because the stream was stopped while it hung (Redis down, say). */
export class DeliveryAbandonedError extends Error {
  override readonly name = 'DeliveryAbandonedError';
}

/** Waits for a delivery; after `signal` aborts, waits `graceMs` more at most. */
function deliver(
  sending: Promise<void>,
  signal: AbortSignal | undefined,
  graceMs: number,
): Promise<void> {
  if (!signal) return sending;
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(
        () => reject(new DeliveryAbandonedError(`delivery still pending ${graceMs} ms after stop`)),
        graceMs,
      );
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    sending.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

export interface LiveOptions {
  seed: number;
  villages: readonly EnrolledVillage[];
  /** Reports per second. */
  rate: number;
  sink: ReportSink;
  /** Stops the stream; the batch in flight gets `stopGraceMs` to finish. */
  signal?: AbortSignal;
  /** Default 5 s; a delivery hanging longer after the stop is abandoned and counted as failed. */
  stopGraceMs?: number;
  /** Stop after this many reports (default: until aborted). */
  limit?: number;
  /** Share of rows for each invalid kind (default 0: live traffic is clean). */
  invalidRate?: number;
  correctionRate?: number;
  /** Share of reports with a realistic mistake (default 0; see mistakes.ts). */
  mistakeRate?: number;
  /** The clock (epoch ms), for tests. */
  now?: () => number;
  /** Called after every batch. */
  onBatch?: (stats: LiveStats) => void;
  /** Called when a batch is not delivered; without it the first failure ends the stream. */
  onError?: (error: unknown, stats: LiveStats) => void;
}

export interface LiveStats {
  sent: number;
  failed: number;
  batches: number;
  elapsedMs: number;
}

/**
 * Reports of the current month (Asia/Jakarta), village after village in a shuffled order, round
 * after round, each stamped with the time it is sent and a report_id unique to this run.
 */
function* liveReports(
  options: Pick<
    LiveOptions,
    'seed' | 'villages' | 'invalidRate' | 'correctionRate' | 'mistakeRate'
  >,
  now: () => number,
): Generator<SimulatedReport> {
  if (options.villages.length === 0) throw new RangeError('no villages to report for');
  const runTag = now().toString(36);
  const random = new Random(mixSeeds(seedKey(options.seed), LIVE_SALT, hashString(runTag)));
  let lastStamp = 0;
  const stamp = (item: SimulatedItem, suffix: string): SimulatedReport => {
    const report = { ...item.report };
    if (report.report_id !== undefined) report.report_id += suffix;
    if (report.submitted_at !== undefined && item.kind !== 'malformed-submitted-at') {
      // Strictly increasing, so a correction sent in the same millisecond is still later.
      lastStamp = Math.max(now(), lastStamp + 1);
      report.submitted_at = formatJakarta(lastStamp, { millis: true });
    }
    return report;
  };
  for (let round = 1; ; round++) {
    const period = periodOfInstant(now());
    const items = generateReports({
      seed: options.seed,
      villages: random.shuffled(options.villages),
      from: period,
      to: period,
      invalidRate: options.invalidRate ?? 0,
      correctionRate: options.correctionRate ?? DEFAULT_CORRECTION_RATE,
      mistakeRate: options.mistakeRate ?? 0,
    });
    let yielded = 0;
    for (const item of items) {
      yielded += 1;
      yield stamp(item, `-L${runTag}.${round}`);
    }
    // Each round of a month repeats the last one, so an empty round would loop forever.
    if (yielded === 0) throw new RangeError(`none of the villages reports for ${period}`);
  }
}

function take(source: Iterator<SimulatedReport>, count: number): SimulatedReport[] {
  const batch: SimulatedReport[] = [];
  while (batch.length < count) {
    const next = source.next();
    if (next.done) break;
    batch.push(next.value);
  }
  return batch;
}

/** Sends reports at `rate` per second until `signal` aborts or `limit` is reached. */
export async function streamLive(options: LiveOptions): Promise<LiveStats> {
  const { rate, sink, signal, limit, onBatch, onError, now = Date.now } = options;
  const stopGraceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  if (!(rate > 0))
    throw new RangeError(`rate must be a positive number of reports per second, got ${rate}`);
  const tickMs = Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, 1000 / rate));
  const burst = Math.max(1, rate * BURST_SECONDS);
  const reports = liveReports(options, now);
  const started = now();
  const stats: LiveStats = { sent: 0, failed: 0, batches: 0, elapsedMs: 0 };
  const remaining = () => (limit === undefined ? Infinity : limit - stats.sent - stats.failed);
  let tokens = 0;
  let last = started;

  while (!signal?.aborted && remaining() > 0) {
    try {
      await sleep(tickMs, undefined, { signal });
    } catch {
      break; // aborted while waiting
    }
    const tickAt = now();
    tokens = Math.min(burst, tokens + ((tickAt - last) / 1000) * rate);
    last = tickAt;
    let due = Math.min(Math.floor(tokens), remaining());
    while (due > 0) {
      const batch = take(reports, Math.min(due, MAX_REPORTS_PER_REQUEST));
      try {
        await deliver(sink.send(batch), signal, stopGraceMs);
        stats.sent += batch.length;
      } catch (error) {
        stats.failed += batch.length;
        stats.elapsedMs = now() - started;
        if (!onError) throw error;
        onError(error, stats);
      }
      stats.batches += 1;
      stats.elapsedMs = now() - started;
      tokens -= batch.length;
      due -= batch.length;
      onBatch?.(stats);
    }
  }
  stats.elapsedMs = now() - started;
  return stats;
}
