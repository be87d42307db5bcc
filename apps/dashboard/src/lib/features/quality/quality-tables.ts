// The quality page's tables as their downloads hold them (table-data.ts): the text shown, per cell.
import { INDICATORS, QUALITY_METHODS, type Level } from '@pantau/domain';
import type { AreaQuality, IndicatorCompleteness, QualityFlag } from '$lib/api/endpoints';
import type { TableData } from '$lib/download/table-data';
import {
  formatCount,
  formatDateTime,
  formatRate,
  formatRaw,
  formatScore,
  indicatorLabel,
  levelLabel,
  t,
  type Lang,
  type MessageKey,
} from '$lib/i18n';

const UNIT_OF = new Map<string, string>(INDICATORS.map((i) => [i.code, i.unit]));

/** A flagged value (or its baseline) in the indicator's unit, as the flags table shows it. */
export function flagValue(lang: Lang, indicator: string, value: number): string {
  return formatRaw(lang, value, UNIT_OF.get(indicator) ?? 'percent', {
    yes: t(lang, 'common.yes'),
    no: t(lang, 'common.no'),
  });
}

export const methodName = (lang: Lang, method: string) =>
  t(lang, `quality.method.${method}` as MessageKey);
export const statusName = (lang: Lang, status: string) =>
  t(lang, `quality.status.${status}` as MessageKey);

/** The flags of the page shown, with their follow-up (empty where nobody followed one up). */
export function flagsTable(lang: Lang, rows: readonly QualityFlag[]): TableData {
  return {
    columns: [
      { label: t(lang, 'quality.village') },
      { label: t(lang, 'common.code') },
      { label: t(lang, 'common.period') },
      { label: t(lang, 'quality.indicator') },
      { label: t(lang, 'quality.method') },
      { label: t(lang, 'common.value'), numeric: true },
      { label: t(lang, 'quality.baseline'), numeric: true },
      { label: t(lang, 'quality.score'), numeric: true },
      { label: t(lang, 'quality.status') },
      { label: t(lang, 'quality.comment') },
      { label: t(lang, 'quality.updatedBy') },
      { label: t(lang, 'quality.updatedAt') },
    ],
    rows: rows.map((flag) => [
      flag.village_name,
      flag.village_code,
      flag.period,
      indicatorLabel(lang, flag.indicator),
      methodName(lang, flag.method),
      flagValue(lang, flag.indicator, flag.value),
      flagValue(lang, flag.indicator, flag.baseline),
      formatScore(lang, flag.score),
      statusName(lang, flag.status),
      flag.comment ?? '',
      flag.updated_by ?? '',
      flag.updated_by ? formatDateTime(lang, flag.updated_at) : '',
    ]),
  };
}

/** Per indicator, how many reports filled it and their share, in the API's (catalogue) order. */
export function indicatorsTable(
  lang: Lang,
  indicators: readonly IndicatorCompleteness[],
): TableData {
  return {
    columns: [
      { label: t(lang, 'quality.indicator') },
      { label: t(lang, 'quality.filled'), numeric: true },
      { label: t(lang, 'quality.filledShare'), numeric: true },
    ],
    rows: indicators.map((i) => [
      indicatorLabel(lang, i.indicator),
      formatCount(lang, i.filled),
      formatRate(lang, i.share),
    ]),
  };
}

/** The flags-per-area table: reports, flags by method and the flag rate of each area. */
export function areasTable(lang: Lang, level: Level, rows: readonly AreaQuality[]): TableData {
  return {
    columns: [
      { label: levelLabel(lang, level) },
      { label: t(lang, 'common.code') },
      { label: t(lang, 'quality.reports'), numeric: true },
      ...QUALITY_METHODS.map((m) => ({ label: methodName(lang, m), numeric: true })),
      { label: t(lang, 'quality.flagRate'), numeric: true },
    ],
    rows: rows.map((row) => [
      row.name,
      row.code,
      formatCount(lang, row.reports),
      ...QUALITY_METHODS.map((m) => formatCount(lang, row.flags[m])),
      formatRate(lang, row.flag_rate),
    ]),
  };
}
