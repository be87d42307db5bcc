// A table as it is shown (header labels and the cells' text), and its CSV: what a download saves.
import { csvCell } from '@pantau/domain';

export interface Column {
  label: string;
  numeric?: boolean;
}

export interface TableData {
  columns: readonly Column[];
  rows: readonly (readonly string[])[];
}

/**
 * Byte order mark: Excel reads a CSV without one in the machine's legacy code page, which
 * garbles village names with accents.
 */
const UTF8_BOM = '\uFEFF';

/** The table as CSV (RFC 4180, CRLF, every cell neutralised against formulas). */
export function tableCsv(table: TableData): string {
  const lines = [table.columns.map((c) => c.label), ...table.rows].map((row) =>
    row.map((cell) => csvCell(cell)).join(','),
  );
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
