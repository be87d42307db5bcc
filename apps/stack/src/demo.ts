// Demo data through the real pipeline: a roster, 24 months of history as an import, then live reports.
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { createApiClient, followImport, jsonOf, postImport } from '@pantau/api/client';
import { addMonths } from '@pantau/domain';
import {
  createApiSink,
  enrolVillages,
  generateReports,
  generateRoster,
  streamLive,
  UNKNOWN_INDICATOR_CODES,
  writeCsv,
  type EnrolledVillage,
} from '@pantau/simulator';

const SEED = 42;
export const DEMO_VILLAGES = 3_000;
const HISTORY_MONTHS = 24;
/** A little of each invalid kind, so the pipeline page has rejections to show. */
const DEMO_INVALID_RATE = 0.002;
/**
 * Share of reports with a realistic mistake (a value ×10, rupiah in thousands, figures copied
 * forward for months), so the data quality page has real problems to show among the noise: low,
 * as in a programme whose cadres are trained, and the same in the history and the live stream.
 */
const DEMO_MISTAKE_RATE = 0.015;
/** Live reports per second: a gentle, visible trickle. */
export const LIVE_RATE = 2;
const POLL_MS = 1_000;

type Say = (line: string) => void;

function currentPeriod(): string {
  // The month in Asia/Jakarta, where the cadres are.
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
}

export function demoVillages(): EnrolledVillage[] {
  return enrolVillages({ seed: SEED, count: DEMO_VILLAGES });
}

/** Seeds an empty store: roster, then the history file imported like any other. */
export async function seedHistory(
  base: string,
  token: string,
  dataDir: string,
  say: Say,
): Promise<void> {
  const client = createApiClient({ baseUrl: base, token });
  // /health answers 503 when something needs attention; its freshness is there all the same.
  const health = (await (await client.api.v1.health.$get()).json()) as {
    freshness: { last_loaded_at: string | null };
  };
  if (health.freshness.last_loaded_at) {
    say(
      `data dir already holds reports (last load ${health.freshness.last_loaded_at}): not seeding again`,
    );
    return;
  }
  const villages = demoVillages();
  const roster = generateRoster({ seed: SEED, villages });
  const upserted = await jsonOf<{ inserted: number }>(
    await client.api.v1.cadres.$post({ json: roster.map((cadre) => ({ ...cadre })) }),
  );
  say(
    `roster: ${upserted.inserted} cadres for ${villages.length} villages (the 14 Merangin villages among them)`,
  );

  const to = currentPeriod();
  const from = addMonths(to, -(HISTORY_MONTHS - 1));
  const file = join(dataDir, 'demo-history.csv');
  const items = generateReports({
    seed: SEED,
    villages,
    from,
    to,
    invalidRate: DEMO_INVALID_RATE,
    mistakeRate: DEMO_MISTAKE_RATE,
    format: 'csv',
    // Only what cadres have submitted by now: no report of this month from the future.
    asOf: Date.now(),
  });
  const written = await writeCsv(items, createWriteStream(file), {
    extraColumns: [...UNKNOWN_INDICATOR_CODES],
  });
  say(
    `history: ${written.rows.toLocaleString('en-US')} simulated reports ${from}..${to}, importing through the pipeline…`,
  );

  const importId = await postImport(client, {
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    contentType: 'text/csv',
    filename: 'demo-history.csv',
  });
  const detail = await followImport(client, importId, {
    pollMs: POLL_MS,
    onProgress: ({ status, processed, rows }) => {
      if (status === 'completed' || status === 'failed') return;
      say(
        `  loading ${processed.toLocaleString('en-US')} / ${(rows ?? 0).toLocaleString('en-US')} rows`,
      );
    },
  });
  say(
    `history ${detail.status}: ${detail.imported.toLocaleString('en-US')} imported, ${detail.rejected} rejected`,
  );
}

/** Streams live reports for the current month until `signal` aborts. */
export function streamDemo(
  base: string,
  token: string,
  signal: AbortSignal,
  say: Say,
): Promise<unknown> {
  return streamLive({
    // The history's seed: another one draws every village anew (its level, its quirks), so each
    // live report would break with the village's own history and be flagged as an outlier.
    seed: SEED,
    villages: demoVillages(),
    rate: LIVE_RATE,
    mistakeRate: DEMO_MISTAKE_RATE,
    sink: createApiSink({ apiUrl: base, token }),
    signal,
    onError: (error) => say(`live report not delivered: ${(error as Error).message}`),
  });
}
