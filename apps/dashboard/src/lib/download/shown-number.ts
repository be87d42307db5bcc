// Reads back a number the dashboard formatted (format.ts), so a workbook gets a numeric cell.
import type { Lang } from '$lib/i18n/lang';

/** A shown number: its value and the spreadsheet format that shows it the same way. */
export interface ShownNumber {
  value: number;
  format: string;
}

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  id: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

const SIGNS: Record<string, number> = { '': 1, '+': 1, '-': -1, '−': -1, '±': 1 };

/**
 * The number `text` shows in `lang` ("1.234", "45,3", "−0,5", "+1,2", "93,4%"), or null for
 * anything else ("—", "Mei 2024", "3/4"): those stay text. A percentage becomes its ratio with
 * a percent format, as a spreadsheet stores one.
 */
export function shownNumber(lang: Lang, text: string): ShownNumber | null {
  const { group, decimal } = SEPARATORS[lang];
  const g = `\\${group}`;
  const d = `\\${decimal}`;
  const pattern = new RegExp(`^([+\\-−±]?)(\\d{1,3}(?:${g}\\d{3})*|\\d+)(?:${d}(\\d+))?(\\s?%)?$`);
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const [, sign = '', whole = '', fraction, percent] = match;
  const digits = `${whole.replaceAll(group, '')}${fraction === undefined ? '' : `.${fraction}`}`;
  const magnitude = Number(digits) * (SIGNS[sign] ?? 1);
  const decimals = fraction === undefined ? '' : `.${'0'.repeat(fraction.length)}`;
  if (percent) return { value: magnitude / 100, format: `0${decimals}%` };
  return { value: magnitude, format: `#,##0${decimals}` };
}
