// Writes export rows to an XLSX workbook as they stream from DuckDB: exceljs's streaming
// WorkbookWriter commits each row to the ZIP on disk, so no sheet is ever held whole.
import type { ExportRow } from '@pantau/warehouse';
import ExcelJS from 'exceljs';
import { exportColumn, type CellKind, type ExportLang } from './export-columns';

/** Number formats: one decimal shown (the cell keeps the full double), whole numbers, rupiah. */
const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  score: '0.0',
  whole: '0',
  rupiah: '#,##0',
};

/** A value as its cell holds it: numbers and booleans typed, timestamps as ISO text. */
function cellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export interface XlsxSheet {
  /** The sheet's tab name. */
  name: string;
  /** Column keys, in order; the header row says them in `lang`. */
  columns: readonly string[];
  lang: ExportLang;
}

/**
 * Writes `rows` (chunks, as DuckDB streams them) under a frozen, bold header row with sized
 * columns and number formats; returns how many rows it wrote.
 */
export async function writeXlsx(
  path: string,
  sheet: XlsxSheet,
  rows: AsyncIterable<ExportRow[]>,
): Promise<number> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false, // inline strings: nothing grows with the rows
  });
  const worksheet = book.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  const columns = sheet.columns.map((key) => exportColumn(key, sheet.lang));
  worksheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width,
    style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
  }));
  worksheet.getRow(1).font = { bold: true };
  let written = 0;
  for await (const chunk of rows) {
    for (const row of chunk) {
      worksheet.addRow(columns.map((column) => cellValue(row[column.key]))).commit();
      written++;
    }
  }
  worksheet.commit();
  await book.commit();
  return written;
}
