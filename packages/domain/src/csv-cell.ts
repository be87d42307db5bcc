// One CSV cell: quoted as RFC 4180 asks, and never a formula a spreadsheet would run.

/**
 * First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
 * (`=HYPERLINK(…)`, `+1+cmd|…`, `@SUM(…)`); tab and carriage return do too in some of them.
 */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

/**
 * A text cell that cannot run as a formula: one starting with a trigger gets a leading
 * apostrophe, which spreadsheets show as text and do not evaluate (OWASP's advice). Numbers are
 * not text cells: a negative number keeps its minus.
 */
export function neutraliseFormula(text: string): string {
  return (FORMULA_TRIGGERS as readonly string[]).includes(text.charAt(0)) ? `'${text}` : text;
}

/** A text cell: neutralised, then quoted when it holds a comma, quote or line break. */
export function csvCell(text: string): string {
  const safe = neutraliseFormula(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
