// Settings every chart shares: fonts, tooltip look and number formatting in the view's language.
import { formatRate, formatScore, type Lang } from '$lib/i18n';
import type { ChartOption } from './echarts';

export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';

/** Below this chart width (px) labels get smaller or turn, as on a phone. */
export const NARROW_CHART_PX = 480;

export function isNarrow(width: number | undefined): boolean {
  return width !== undefined && width > 0 && width < NARROW_CHART_PX;
}

/** Scores run 0–100 on every score axis, so charts side by side compare at a glance. */
export const SCORE_AXIS = { type: 'value', min: 0, max: 100 } as const;

/** Rates drawn as percentages (0–100 %), quartered, on a value axis. */
export const PERCENT_AXIS = {
  type: 'value',
  min: 0,
  max: 100,
  interval: 25,
  axisLabel: { formatter: (value: number) => `${value}%` },
} as const;

/** A ratio (0–1) as drawn on PERCENT_AXIS; no ratio stays no bar. */
export function percent(ratio: number | null): number | null {
  return ratio === null ? null : ratio * 100;
}

/** The tooltip of horizontal bars on PERCENT_AXIS: each bar's value read back as a rate. */
export function percentBarsTooltip(lang: Lang): ChartOption['tooltip'] {
  return {
    confine: true,
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    valueFormatter: (value) => (typeof value === 'number' ? formatRate(lang, value / 100) : '—'),
  };
}

export function baseOption(lang: Lang): ChartOption {
  return {
    animationDuration: 300,
    textStyle: { fontFamily: FONT_FAMILY, color: '#374151' },
    tooltip: {
      confine: true,
      valueFormatter: (value) => (typeof value === 'number' ? formatScore(lang, value) : '—'),
    },
    aria: { enabled: false },
  };
}

/** A score label on a chart: one decimal in the view's language, or nothing. */
export function scoreLabel(lang: Lang) {
  return (params: { value?: unknown }) => {
    const value = Array.isArray(params.value) ? params.value.at(-1) : params.value;
    return typeof value === 'number' ? formatScore(lang, value) : '';
  };
}
