// Chart options of the pipeline console: loads per minute by outcome, and receive→load latency.
import { baseOption } from '$lib/charts/chart-defaults';
import type { ChartOption } from '$lib/charts/echarts';
import { SERIES_COLORS } from '$lib/charts/palette';
import { formatCount, formatDuration, formatTime, type Lang } from '$lib/i18n';

export interface MinuteRow {
  minute: string;
  imported: number;
  updated: number;
  ignored: number;
  rejected: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

const MINUTE_MS = 60_000;

/**
 * One row per minute for the `count` minutes up to `end`, zeros where nothing was loaded (the API
 * lists only minutes with loads), so the time axis is even.
 */
export function fillMinutes(rows: readonly MinuteRow[], end: Date, count: number): MinuteRow[] {
  const last = Math.floor(end.getTime() / MINUTE_MS) * MINUTE_MS;
  const byMinute = new Map(
    rows.map((r) => [Math.floor(Date.parse(r.minute) / MINUTE_MS) * MINUTE_MS, r]),
  );
  return Array.from({ length: count }, (_, i) => {
    const at = last - (count - 1 - i) * MINUTE_MS;
    return (
      byMinute.get(at) ?? {
        minute: new Date(at).toISOString(),
        imported: 0,
        updated: 0,
        ignored: 0,
        rejected: 0,
        latency_p50_ms: null,
        latency_p95_ms: null,
      }
    );
  });
}

const OUTCOMES = ['imported', 'updated', 'ignored', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
const OUTCOME_COLORS: Record<Outcome, string> = {
  imported: SERIES_COLORS[2],
  updated: SERIES_COLORS[0],
  ignored: SERIES_COLORS[6],
  rejected: SERIES_COLORS[5],
};

/** Minute labels in Jakarta time ("13.05" / "13:05"). */
export function minuteLabels(lang: Lang, rows: readonly MinuteRow[]): string[] {
  return rows.map((r) => formatTime(lang, r.minute).slice(0, 5));
}

/** Stacked bars of submissions per minute, one colour per outcome. */
export function throughputOption(
  lang: Lang,
  rows: readonly MinuteRow[],
  names: Record<Outcome, string>,
): ChartOption {
  return {
    ...baseOption(lang),
    tooltip: {
      confine: true,
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? formatCount(lang, value) : '—'),
    },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: minuteLabels(lang, rows), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: OUTCOMES.map((outcome) => ({
      type: 'bar',
      name: names[outcome],
      stack: 'outcomes',
      color: OUTCOME_COLORS[outcome],
      data: rows.map((r) => r[outcome]),
    })),
  };
}

/** Lines of median and 95th-percentile latency from receiving a submission to loading it. */
export function latencyOption(
  lang: Lang,
  rows: readonly MinuteRow[],
  names: { p50: string; p95: string },
): ChartOption {
  return {
    ...baseOption(lang),
    color: [SERIES_COLORS[0], SERIES_COLORS[1]],
    tooltip: {
      confine: true,
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? formatDuration(lang, value) : '—'),
    },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: minuteLabels(lang, rows), axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (value: number) => formatDuration(lang, value) },
    },
    series: [
      {
        type: 'line',
        name: names.p50,
        data: rows.map((r) => r.latency_p50_ms),
        connectNulls: false,
      },
      {
        type: 'line',
        name: names.p95,
        data: rows.map((r) => r.latency_p95_ms),
        connectNulls: false,
      },
    ],
  };
}
