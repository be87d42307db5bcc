// Colours: a sequential scale for scores (readable by colour-blind people) and series colours.

/** YlGnBu, light to dark: low scores are pale, high scores deep blue. */
export const SCORE_SCALE = [
  '#ffffd9',
  '#edf8b1',
  '#c7e9b4',
  '#7fcdbb',
  '#41b6c4',
  '#1d91c0',
  '#225ea8',
  '#0c2c84',
] as const;

/** Areas without data: neutral, clearly unlike any score colour. */
export const NO_DATA_COLOR = '#e5e7eb';

/** Okabe–Ito qualitative colours, distinguishable with any common colour-vision deficiency. */
export const SERIES_COLORS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#4b5563',
  '#f0e442',
] as const;

/** One colour per stage 0–4, taken from the score scale at the middle of each stage band. */
export const STAGE_COLORS = ['#edf8b1', '#7fcdbb', '#41b6c4', '#1d91c0', '#0c2c84'] as const;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The colour of a score in 0–100 on the sequential scale (null: no data). */
export function scoreColor(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA_COLOR;
  const clamped = Math.min(100, Math.max(0, value));
  const position = (clamped / 100) * (SCORE_SCALE.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(SCORE_SCALE.length - 1, lower + 1);
  const share = position - lower;
  const a = hexToRgb(SCORE_SCALE[lower] as string);
  const b = hexToRgb(SCORE_SCALE[upper] as string);
  return rgbToHex(
    [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * share) as [number, number, number],
  );
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on `background`. */
export function textColorOn(background: string): '#111827' | '#ffffff' {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance('#111827') + 0.05);
  return onDark >= onWhite ? '#111827' : '#ffffff';
}

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}
