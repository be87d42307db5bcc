// What text the warehouse can store: valid Unicode (no lone surrogates, which is also how invalid
// UTF-8 bytes arrive: see the ingest decoder) and no NUL characters.

/** `String.prototype.isWellFormed` (ES2024) is in Node 20; the ES2023 lib does not declare it. */
interface WellFormedCheck {
  isWellFormed(): boolean;
}

export const NOT_UNICODE = 'is not valid Unicode text: invalid UTF-8 bytes or a lone surrogate';
export const HAS_NUL = 'contains a NUL character';

/** Why `value` cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
  if (!(value as unknown as WellFormedCheck).isWellFormed()) return NOT_UNICODE;
  if (value.includes('\0')) return HAS_NUL;
  return null;
}

export function isStorableText(value: string): boolean {
  return textProblem(value) === null;
}

/** The same text made storable, for lineage of what was refused: U+FFFD for what cannot be kept. */
export function storableText(value: string): string {
  if (isStorableText(value)) return value;
  const wellFormed = (value as unknown as { toWellFormed(): string }).toWellFormed();
  return wellFormed.replaceAll('\0', '\uFFFD');
}
