// A village's profile: its indicators (raw value, unit, score) and the lineage of its submissions.
import {
  INDICATORS,
  indicatorScore,
  REGIONS,
  type IndicatorValue,
  type PillarCode,
  type Unit,
} from '@pantau/domain';
import type { SubmissionRecord, VillageReport, VillageReports } from '$lib/api/endpoints';

export interface IndicatorRow {
  code: string;
  pillar: PillarCode;
  label: { id: string; en: string };
  unit: Unit;
  /** As reported; null when the report left it out. */
  raw: IndicatorValue | null;
  /** 0–100 by the catalogue's rule; null when not reported. */
  score: number | null;
}

/** Every catalogue indicator, in catalogue order, with the report's raw value and its score. */
export function indicatorRows(report: Pick<VillageReport, 'indicators'> | null): IndicatorRow[] {
  return INDICATORS.map((indicator) => {
    const raw = report?.indicators[indicator.code] ?? null;
    return {
      code: indicator.code,
      pillar: indicator.pillar,
      label: indicator.label,
      unit: indicator.unit,
      raw,
      score: raw === null ? null : indicatorScore(indicator, raw),
    };
  });
}

/** The report shown: the one of `period` if the village has it, else its latest. */
export function reportFor(
  reports: readonly VillageReport[],
  period: string | null,
): VillageReport | null {
  if (period) {
    const match = reports.find((r) => r.period === period);
    if (match) return match;
  }
  return reports[0] ?? null;
}

export interface LineageRow {
  submission_id: string;
  period: string | null;
  report_id: string | null;
  source: string;
  submitted_at: string | null;
  received_at: string;
  loaded_at: string;
  outcome: SubmissionRecord['outcome'];
  /** Why it was ignored or rejected: the reason, or each field's problem. */
  reasons: string[];
  /** Whether this submission is the stored report of its period now. */
  current: boolean;
}

function reasonsOf(submission: SubmissionRecord): string[] {
  if (submission.errors && submission.errors.length > 0) {
    return submission.errors.map((e) => {
      const value = e.value === undefined ? '' : ` (${JSON.stringify(e.value)})`;
      return `${e.field}${value}: ${e.message}`;
    });
  }
  return submission.reason ? [submission.reason] : [];
}

/**
 * Submissions newest first, each with what became of it and whether it is the live version;
 * none when the API does not show this reader the lineage (anonymous readers).
 */
export function lineageRows(
  history: Pick<VillageReports, 'reports' | 'submissions'>,
): LineageRow[] {
  const current = new Set(history.reports.map((r) => r.submission_id));
  return [...(history.submissions ?? [])]
    .sort((a, b) => b.received_at.localeCompare(a.received_at) || b.line - a.line)
    .map((s) => ({
      submission_id: s.submission_id,
      period: s.period,
      report_id: s.report_id,
      source: s.source,
      submitted_at: s.submitted_at,
      received_at: s.received_at,
      loaded_at: s.loaded_at,
      outcome: s.outcome,
      reasons: reasonsOf(s),
      current: current.has(s.submission_id),
    }));
}

/** Cadre ids that filed the village's reports, newest first, without repeats. */
export function cadreIds(reports: readonly VillageReport[]): string[] {
  return [...new Set(reports.map((r) => r.cadre_id).filter((id): id is string => id !== null))];
}

const regionNames = new Map(REGIONS.map((r) => [r.code, r.name]));

/** A cadre's programme region by name ("Region Jakarta"); unknown codes as given, none as null. */
export function regionName(code: string | null): string | null {
  if (code === null) return null;
  return regionNames.get(code) ?? code;
}
