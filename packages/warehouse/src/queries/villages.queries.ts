// A village's reports over time with raw values and scores, and the lineage of every submission.
import { INDICATORS, PILLAR_CODES, type PillarScores } from '@pantau/domain';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ReportsTable } from '../schema';
import { listVillageSubmissions, type SubmissionRecord } from './submissions.queries';

export interface VillageReport {
  period: string;
  report_id: string;
  cadre_id: string | null;
  submission_id: string;
  outcome: 'imported' | 'updated';
  submitted_at: Date;
  first_submitted_at: Date;
  on_time: boolean;
  received_at: Date;
  loaded_at: Date;
  notes: string | null;
  dci: number;
  stage: number;
  pillars: PillarScores;
  indicators: Record<string, number | boolean>;
}

export interface ReplacedReport extends VillageReport {
  replaced_at: Date;
  replaced_by: string;
}

function toVillageReport(row: Selectable<ReportsTable>): VillageReport {
  const values = row as unknown as Record<string, number | boolean | null>;
  const indicators: Record<string, number | boolean> = {};
  for (const { code } of INDICATORS) {
    const value = values[code];
    if (value !== null && value !== undefined) indicators[code] = value;
  }
  return {
    period: row.period,
    report_id: row.report_id,
    cadre_id: row.cadre_id,
    submission_id: row.submission_id,
    outcome: row.outcome,
    submitted_at: row.submitted_at,
    first_submitted_at: row.first_submitted_at,
    on_time: row.on_time,
    received_at: row.received_at,
    loaded_at: row.loaded_at,
    notes: row.notes,
    dci: row.dci,
    stage: row.stage,
    pillars: Object.fromEntries(PILLAR_CODES.map((p) => [p, row[p]])) as PillarScores,
    indicators,
  };
}

/**
 * Current reports (latest period first), the versions they replaced, and every submission.
 * Each table is read through its village_code index (migration 010): DuckDB takes an index
 * for a lone equality filter only, so the village's rows are a materialized CTE, which keeps
 * the order and limit (a top-N filter on the period) out of the scan.
 */
export async function getVillageReports(
  db: Kysely<Database>,
  village: string,
  limit: number,
): Promise<{
  reports: VillageReport[];
  replaced: ReplacedReport[];
  submissions: SubmissionRecord[];
}> {
  const [reports, replaced, submissions] = await Promise.all([
    db
      .with(
        (cte) => cte('v').materialized(),
        (db) => db.selectFrom('reports').selectAll().where('village_code', '=', village),
      )
      .selectFrom('v')
      .selectAll()
      .orderBy('period', 'desc')
      .limit(limit)
      .execute(),
    db
      .with(
        (cte) => cte('v').materialized(),
        (db) => db.selectFrom('report_history').selectAll().where('village_code', '=', village),
      )
      .selectFrom('v')
      .selectAll()
      .orderBy('period', 'desc')
      .orderBy('replaced_at', 'desc')
      .limit(limit)
      .execute(),
    listVillageSubmissions(db, village, limit),
  ]);
  return {
    reports: reports.map(toVillageReport),
    replaced: replaced.map((row) => ({
      ...toVillageReport(row),
      replaced_at: row.replaced_at,
      replaced_by: row.replaced_by,
    })),
    submissions,
  };
}
