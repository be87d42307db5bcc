// Seeds a data dir for browser tests straight through the warehouse: deterministic simulated
// reports (24 months, a few hundred villages including the 14 Merangin ones), their cadres, and a
// few rejected and corrected submissions so village lineage has something to show.
import { scoreReport, validateReport, type ValidReport } from '@pantau/domain';
import {
  allVillages,
  enrolVillages,
  generateReports,
  generateRoster,
  isAcceptedKind,
  type SimulatedItem,
} from '@pantau/simulator';
import {
  applySubmissions,
  openWarehouse,
  refreshAreaScores,
  upsertCadres,
  type Submission,
} from '@pantau/warehouse';

export const SEED = 7;
/** Enough villages for every province to appear and for several Jambi kabupaten to report. */
export const SEED_VILLAGES = 300;
export const SEED_FROM = '2023-01';
export const SEED_TO = '2024-12';
export const SEED_SOURCE = 'e2e-seed';
/** Rows per applySubmissions call, as the loader batches them. */
const BATCH = 2_000;
/** Minutes between a cadre submitting and Pantau receiving, for plausible lineage. */
const RECEIVE_DELAY_MS = 90_000;

export interface SeedSummary {
  villages: number;
  submissions: number;
  accepted: number;
  rejected: number;
}

function toSubmission(
  item: SimulatedItem,
  line: number,
  isVillage: (code: string) => boolean,
): Submission {
  const meta = {
    submission_id: `${SEED_SOURCE}:${line}`,
    source: 'import' as const,
    source_id: SEED_SOURCE,
    line,
  };
  const submittedMs = Date.parse(item.report.submitted_at ?? '');
  const received_at = new Date(
    (Number.isNaN(submittedMs) ? Date.parse(`${SEED_TO}-28T00:00:00Z`) : submittedMs) +
      RECEIVE_DELAY_MS,
  ).toISOString();
  const result = validateReport(item.report, { isVillage, receivedAt: Date.parse(received_at) });
  if (result.ok) {
    const report: ValidReport = result.report;
    return { ...meta, received_at, valid: true, report, scores: scoreReport(report.indicators) };
  }
  return { ...meta, received_at, valid: false, errors: result.errors, payload: item.report };
}

/** Writes the seed into `dataDir` (created if needed) and closes the warehouse. */
export async function seedDataDir(dataDir: string): Promise<SeedSummary> {
  const villages = enrolVillages({ seed: SEED, count: SEED_VILLAGES });
  const villageCodes = new Set(allVillages().map((v) => v.code));
  const isVillage = (code: string) => villageCodes.has(code);
  const submissions: Submission[] = [];
  let line = 2; // a CSV header is line 1
  for (const item of generateReports({
    seed: SEED,
    villages,
    from: SEED_FROM,
    to: SEED_TO,
    invalidRate: 0.002,
    correctionRate: 0.02,
    format: 'json',
  })) {
    const submission = toSubmission(item, line++, isVillage);
    // The generator marks which rows must be rejected; the seed must agree with the validator.
    if (submission.valid !== isAcceptedKind(item.kind)) {
      throw new Error(
        `seed row ${line - 1} (${item.kind}) was ${submission.valid ? 'accepted' : 'rejected'}`,
      );
    }
    submissions.push(submission);
  }

  const warehouse = await openWarehouse({ dataDir });
  try {
    await warehouse.write(async (tx) => {
      for (let i = 0; i < submissions.length; i += BATCH) {
        await applySubmissions(tx, submissions.slice(i, i + BATCH));
      }
      await refreshAreaScores(tx.connection);
      await upsertCadres(tx.connection, generateRoster({ seed: SEED, villages }));
    });
  } finally {
    await warehouse.close();
  }
  const accepted = submissions.filter((s) => s.valid).length;
  return {
    villages: villages.length,
    submissions: submissions.length,
    accepted,
    rejected: submissions.length - accepted,
  };
}
