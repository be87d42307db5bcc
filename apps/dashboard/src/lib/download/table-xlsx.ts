// The table as an Excel workbook: shown numbers as numeric cells, the header row kept in view.
import type { Lang } from '$lib/i18n/lang';
import { shownNumber } from './shown-number';
import type { TableData } from './table-data';

/** Excel's sheet names hold at most 31 characters and none of these. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[\\/?*:[\]]/g;
/** Column width in characters: the longest cell, within these bounds. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** The cells of the workbook's one sheet: header in bold, then the rows. */
export function workbookRows(table: TableData, lang: Lang) {
  const header = table.columns.map((c) => ({ value: c.label, fontWeight: 'bold' as const }));
  const rows = table.rows.map((row) =>
    row.map((text, i) => {
      const number = table.columns[i]?.numeric ? shownNumber(lang, text) : null;
      return number
        ? { value: number.value, type: Number, format: number.format }
        : { value: text, type: String };
    }),
  );
  return [header, ...rows];
}

export function sheetName(title: string): string {
  return title.replace(SHEET_NAME_FORBIDDEN, ' ').slice(0, SHEET_NAME_MAX).trim() || 'Pantau';
}

/**
 * The workbook as a file. The writer (write-excel-file, with fflate for zipping) is loaded on
 * the first download, so no page pays for it before someone asks.
 */
export async function tableXlsx(table: TableData, lang: Lang, title: string): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const widths = table.columns.map((column, i) => {
    const longest = Math.max(column.label.length, ...table.rows.map((r) => r[i]?.length ?? 0));
    return { width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2)) };
  });
  return writeXlsxFile(workbookRows(table, lang), {
    sheet: sheetName(title),
    columns: widths,
    stickyRowsCount: 1,
  }).toBlob();
}
