// `npm run simulate`: writes seeded report files, or streams live reports to the API or the queue.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  createApiSink,
  createQueueSink,
  enrolVillages,
  expectedItemCount,
  generateReports,
  generateRoster,
  isAcceptedKind,
  streamLive,
  UNKNOWN_INDICATOR_CODES,
  writeCsv,
  writeNdjson,
  writeRosterCsv,
  type ItemKind,
  type LiveStats,
  type ReportSink,
  type SimulatedItem,
} from '@pantau/simulator';
import { adminTokenOf, apiUrlOf, loadEnv, userPath } from '../invocation';
import { createProgress, formatBytes, formatCount, formatDuration, perSecond } from '../progress';
import { runCli, UsageError } from '../run-cli';
import { parseCommand, USAGE, type Command } from './simulate-args';

type FileCommand = Extract<Command, { name: 'file' }>;
type LiveCommand = Extract<Command, { name: 'live' }>;

/** Repeated delivery errors are shown at most this often. */
const ERROR_REPEAT_MS = 5_000;
const EXIT_FAILURE = 1;
const EXIT_INTERRUPTED = 130;

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

function* counted(
  items: Iterable<SimulatedItem>,
  counts: Map<ItemKind, number>,
): Generator<SimulatedItem> {
  for (const item of items) {
    counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
    yield item;
  }
}

async function openOutput(
  path: string,
): Promise<{ stream: Writable; close(): Promise<number | null> }> {
  if (path === '-') return { stream: process.stdout, close: async () => null };
  const stream = createWriteStream(userPath(path));
  return {
    stream,
    async close() {
      stream.end();
      await finished(stream);
      return stream.bytesWritten;
    },
  };
}

async function runFile(command: FileCommand): Promise<void> {
  const { seed, from, to, invalidRate, correctionRate, format } = command;
  const villages = enrolVillages({ seed, count: command.villages });
  const options = {
    seed,
    villages,
    from,
    to,
    invalidRate,
    correctionRate,
    ...(command.mistakeRate === undefined ? {} : { mistakeRate: command.mistakeRate }),
    format: format === 'csv' ? ('csv' as const) : ('json' as const),
  };
  const progress = createProgress({ label: 'writing', total: expectedItemCount(options) });
  const counts = new Map<ItemKind, number>();
  const items = counted(generateReports(options), counts);
  const output = await openOutput(command.out);
  const started = Date.now();
  const onProgress = ({ rows }: { rows: number }) => progress.update(rows);
  const summary =
    format === 'csv'
      ? await writeCsv(items, output.stream, {
          booleans: command.booleans,
          extraColumns: invalidRate > 0 ? UNKNOWN_INDICATOR_CODES : [],
          onProgress,
        })
      : await writeNdjson(items, output.stream, { onProgress });
  const bytes = (await output.close()) ?? summary.chars;
  const elapsed = Date.now() - started;
  progress.finish();

  let accepted = 0;
  for (const [kind, count] of counts) if (isAcceptedKind(kind)) accepted += count;
  const corrections = counts.get('correction') ?? 0;
  const where = command.out === '-' ? 'stdout' : command.out;
  say(
    `wrote ${formatCount(summary.rows)} rows (${formatBytes(bytes)}) to ${where} in ${formatDuration(elapsed)} ` +
      `(${formatCount(perSecond(summary.rows, elapsed))} rows/s): ${formatCount(accepted - corrections)} reports, ` +
      `${formatCount(corrections)} corrections, ${formatCount(summary.rows - accepted)} invalid; ` +
      `${formatCount(villages.length)} villages, ${from}..${to}, seed ${seed}`,
  );

  if (command.roster !== undefined) {
    const roster = await openOutput(command.roster);
    const written = await writeRosterCsv(generateRoster({ seed, villages }), roster.stream);
    await roster.close();
    say(`wrote ${formatCount(written.rows)} cadres to ${command.roster}`);
  }
}

function createSink(
  command: LiveCommand,
  onError: (error: unknown) => void,
): { sink: ReportSink; where: string } {
  const env = loadEnv();
  if (command.target === 'queue') {
    return {
      sink: createQueueSink({
        redisUrl: env.REDIS_URL,
        prefix: env.QUEUE_PREFIX,
        onConnectionError: onError,
      }),
      where: `queue reports.validate (prefix ${env.QUEUE_PREFIX}) at ${env.REDIS_URL}`,
    };
  }
  const token = adminTokenOf(env, command.token);
  if (!token) {
    throw new UsageError('the api target needs --token, ADMIN_TOKEN or DATA_DIR/admin-token');
  }
  const apiUrl = apiUrlOf(env, command.apiUrl);
  return { sink: createApiSink({ apiUrl, token }), where: apiUrl };
}

/** Prints an error, but the same message only once every few seconds. */
function throttledErrors(): (error: unknown) => void {
  let lastMessage = '';
  let lastAt = 0;
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    const at = Date.now();
    if (message === lastMessage && at - lastAt < ERROR_REPEAT_MS) return;
    lastMessage = message;
    lastAt = at;
    say(`delivery failed: ${message}`);
  };
}

async function runLive(command: LiveCommand): Promise<void> {
  const villages = enrolVillages({ seed: command.seed, count: command.villages });
  const reportError = throttledErrors();
  const { sink, where } = createSink(command, reportError);
  const controller = new AbortController();
  let interrupted = false;
  const stop = () => {
    // A second Ctrl-C leaves at once, even if a delivery is hanging.
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const signals = [controller.signal];
  if (command.durationSeconds !== undefined)
    signals.push(AbortSignal.timeout(command.durationSeconds * 1000));

  const progress = createProgress({
    label: 'sent',
    measure: (n) => `${formatCount(n)} reports`,
    total: command.limit ?? null,
  });
  say(
    `streaming ${command.rate} reports/s for ${formatCount(villages.length)} villages to ${where}; Ctrl-C to stop`,
  );
  let stats: LiveStats;
  try {
    stats = await streamLive({
      seed: command.seed,
      villages,
      rate: command.rate,
      sink,
      signal: AbortSignal.any(signals),
      invalidRate: command.invalidRate,
      correctionRate: command.correctionRate,
      ...(command.mistakeRate === undefined ? {} : { mistakeRate: command.mistakeRate }),
      ...(command.limit === undefined ? {} : { limit: command.limit }),
      onBatch: (current) =>
        progress.update(current.sent, undefined, `failed ${formatCount(current.failed)}`),
      onError: reportError,
    });
  } finally {
    await sink.close();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  progress.finish();
  say(
    `sent ${formatCount(stats.sent)} reports in ${formatDuration(stats.elapsedMs)} ` +
      `(${perSecond(stats.sent, stats.elapsedMs).toFixed(1)}/s), ${formatCount(stats.failed)} failed`,
  );
  if (stats.failed > 0 && stats.sent === 0) process.exitCode = EXIT_FAILURE;
}

await runCli(async (argv) => {
  const command = parseCommand(argv);
  if (command.name === 'help') process.stdout.write(USAGE);
  else if (command.name === 'file') await runFile(command);
  else await runLive(command);
}, USAGE);
