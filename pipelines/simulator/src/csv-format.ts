// RFC 4180 cells and lines: quote a cell only when it holds a comma, a quote or a line break.

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its line ending (CRLF, as RFC 4180 writes it). */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
