// XLSX import: the same simulated reports as an XLSX workbook (written by exceljs, with shared
// strings stored after the sheet, as Excel writes them) and as a CSV, each sent through the real
// API process: first as a dry run (the API reads and validates every row itself, nothing else
// runs in it), then as an import (a validate worker, and the loader inside the API). Reports
// rows/s and the API's peak RSS during each (VmHWM, reset before it); the CSV is the baseline.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  createApiClient,
  followImport,
  postImport,
  type ImportContentType,
  type ImportDetail,
} from '@pantau/api/client';
import { CSV_REPORT_COLUMNS, INDICATORS } from '@pantau/domain';
import { UNKNOWN_INDICATOR_CODES, writeCsv, type SimulatedItem } from '@pantau/simulator';
import ExcelJS from 'exceljs';
import { formatRate, line, rate, timed } from './lib/report';
import { simulatedItems } from './lib/simulated';
import { startBenchStack, type BenchStack } from './lib/stack';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    workers: { type: 'string', default: '1' },
  },
});
const ROWS = Number(values.rows);
const WORKERS = Number(values.workers);
const TOKEN = `bench-${randomUUID()}`;
const OUT = join(import.meta.dirname, 'out');
const MB = 1024 * 1024;
const XLSX_TYPE: ImportContentType =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const COLUMNS = [
  ...CSV_REPORT_COLUMNS,
  ...INDICATORS.map((i) => i.code),
  ...UNKNOWN_INDICATOR_CODES,
];

/** The rows as a spreadsheet holds them: numbers and booleans typed, the rest text. */
function sheetRow(item: SimulatedItem): ExcelJS.CellValue[] {
  const report = item.report as Record<string, unknown> & {
    indicators?: Record<string, unknown>;
  };
  return COLUMNS.map((column) => {
    const value = column in (report.indicators ?? {}) ? report.indicators![column] : report[column];
    if (value === undefined || value === null) return null;
    return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  });
}

async function files(): Promise<{ xlsx: string; csv: string }> {
  mkdirSync(OUT, { recursive: true });
  const xlsx = join(OUT, `xlsx-import-${ROWS}.xlsx`);
  const csv = join(OUT, `xlsx-import-${ROWS}.csv`);
  if (!existsSync(xlsx)) {
    const [, ms] = await timed(async () => {
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: xlsx,
        useSharedStrings: true,
        useStyles: false,
      });
      const sheet = book.addWorksheet('Laporan');
      sheet.addRow(COLUMNS).commit();
      for (const item of simulatedItems(ROWS)) sheet.addRow(sheetRow(item)).commit();
      sheet.commit();
      await book.commit();
    });
    line(
      `generated ${xlsx} (${(statSync(xlsx).size / MB).toFixed(1)} MiB) in ${(ms / 1000).toFixed(1)} s`,
    );
  }
  if (!existsSync(csv))
    await writeCsv(simulatedItems(ROWS), createWriteStream(csv), {
      extraColumns: [...UNKNOWN_INDICATOR_CODES],
    });
  return { xlsx, csv };
}

/** A field of /proc/<pid>/status in MiB (VmRSS now, VmHWM the peak since the last reset). */
async function memory(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return kib / 1024;
}

/** Resets the peak RSS (VmHWM) of a process to its current RSS (Linux clear_refs). */
async function resetPeak(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5');
}

async function importFile(
  stack: BenchStack,
  file: string,
  contentType: ImportContentType,
  dryRun: boolean,
): Promise<ImportDetail> {
  const client = createApiClient({ baseUrl: stack.api.url, token: TOKEN });
  const importId = await postImport(client, {
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    contentType,
    filename: 'bench',
    dryRun,
  });
  return followImport(client, importId);
}

interface Measured {
  ms: number;
  idle: number;
  peak: number;
}

async function measureOne(
  stack: BenchStack,
  label: string,
  file: string,
  contentType: ImportContentType,
  dryRun: boolean,
): Promise<Measured> {
  const pid = stack.api.child.pid!;
  const idle = await memory(pid, 'VmRSS');
  await resetPeak(pid);
  const [detail, ms] = await timed(() => importFile(stack, file, contentType, dryRun));
  const peak = await memory(pid, 'VmHWM');
  if (detail.status !== 'completed')
    throw new Error(`${label} import ${detail.status}: ${detail.error}`);
  const rows = detail.rows ?? detail.processed;
  line(
    `${label.padEnd(14)} ${(statSync(file).size / MB).toFixed(1).padStart(6)} MiB, ${rows} rows ` +
      `(${detail.imported} imported, ${detail.rejected} rejected) in ${(ms / 1000).toFixed(1)} s ` +
      `= ${formatRate(rate(rows, ms))}; API RSS before ${idle.toFixed(0)} MiB, ` +
      `peak ${peak.toFixed(0)} MiB (+${(peak - idle).toFixed(0)} MiB)`,
  );
  return { peak, idle, ms };
}

/** A dry run, then the import, of one file on a fresh stack. */
async function measure(label: string, file: string, contentType: ImportContentType) {
  const stack = await startBenchStack({ name: 'xlsx', token: TOKEN, workers: WORKERS });
  try {
    const dry = await measureOne(stack, `${label} dry run`, file, contentType, true);
    const real = await measureOne(stack, `${label} import`, file, contentType, false);
    return { dry, real };
  } finally {
    await stack.stop();
  }
}

function compare(what: string, sheet: Measured, base: Measured): void {
  line(
    `${what}: xlsx/csv time ×${(sheet.ms / base.ms).toFixed(2)}, API peak RSS ` +
      `${sheet.peak.toFixed(0)} vs ${base.peak.toFixed(0)} MiB ` +
      `(growth +${(sheet.peak - sheet.idle).toFixed(0)} vs +${(base.peak - base.idle).toFixed(0)} MiB)`,
  );
}

line(
  `== XLSX import: ${ROWS.toLocaleString('en-US')} rows through the API, ${WORKERS} validate worker(s) ==`,
);
const { xlsx, csv } = await files();
const base = await measure('csv', csv, 'text/csv');
const sheet = await measure('xlsx', xlsx, XLSX_TYPE);
compare('dry run (read + validate in the API)', sheet.dry, base.dry);
compare('import (read in the API, loader beside it)', sheet.real, base.real);
