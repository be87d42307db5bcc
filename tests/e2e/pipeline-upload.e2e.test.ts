// A data engineer uploads a CSV on the pipeline page, first as a dry run, then for real, then an
// Excel workbook, and reads each import's summary: rows, imported / updated / ignored / rejected,
// and the rejected line.
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { see, seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';
import { TOKEN_STORAGE_KEY } from './support/pages';

const flow = browserFlow();

/**
 * A month before the seeded history (2023-01 … 2024-12), so every valid row is new whatever
 * other flows have loaded, and the months the other flows watch stay as they were.
 */
const PERIOD = '2022-06';
const UNKNOWN_VILLAGE = '15.02.02.9999';

/** Three valid rows (lines 2–4) and one for a village that does not exist (line 5). */
const CSV = [
  'report_id,cadre_id,village_code,period,submitted_at,notes,gov_online_letters_pct,people_rkdd_active',
  `e2e-upload-1,,15.02.02.2004,${PERIOD},2022-06-27T09:00:00+07:00,,55,ya`,
  `e2e-upload-2,,15.02.06.2026,${PERIOD},2022-06-27T09:00:00+07:00,,40,tidak`,
  `e2e-upload-3,,15.01.01.1004,${PERIOD},2022-06-28T09:00:00+07:00,"catatan, dengan koma",12.5,`,
  `e2e-upload-4,,${UNKNOWN_VILLAGE},${PERIOD},2022-06-28T09:00:00+07:00,,30,1`,
].join('\n');

/** The same kind of rows as a workbook from a spreadsheet, a month later: typed cells. */
async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Laporan');
  sheet.addRow(['report_id', 'village_code', 'period', 'submitted_at', 'gov_online_letters_pct']);
  sheet.addRow(['e2e-xlsx-1', '15.02.02.2004', '2022-07', '2022-07-27T09:00:00', 62.5]);
  sheet.addRow(['e2e-xlsx-2', UNKNOWN_VILLAGE, '2022-07', '2022-07-27T09:00:00', 30]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The summary's counts as a person reads them: "baru 3", "ditolak 1", … */
const COUNTS = [/baru\s+3\b/, /diperbarui\s+0\b/, /diabaikan\s+0\b/, /ditolak\s+1\b/];

describe('uploading a file on the pipeline page', () => {
  it('checks a CSV with a dry run, imports it, then a workbook, showing each summary', async () => {
    const { page, problems } = await flow.open();
    await page.addInitScript(([key, token]) => sessionStorage.setItem(key, token), [
      TOKEN_STORAGE_KEY,
      inject('adminToken'),
    ] as const);
    await visit(page, `${flow.base}/pipeline`, problems);
    await seeHeading(page, 'Konsol pipeline');

    const upload = page.getByRole('region', { name: 'Impor berkas' });
    const file = upload.getByLabel('Berkas CSV, NDJSON atau Excel (.xlsx)');
    const dryRun = upload.getByLabel(/Uji coba \(dry run\)/);
    const start = upload.getByRole('button', { name: 'Mulai impor' });
    const summaryOf = (filename: string) =>
      upload.getByTestId('import-summary').filter({ hasText: filename }).filter({
        hasText: 'selesai',
      });

    for (const [filename, dry] of [
      ['laporan-uji.csv', true],
      ['laporan.csv', false],
    ] as const) {
      await file.setInputFiles({ name: filename, mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await dryRun.setChecked(dry);
      await start.click();

      const summary = summaryOf(filename);
      const text = await see(summary);
      expect(text).toMatch(/Baris:\s*4/);
      expect(text).toContain('Dibaca sebagai: CSV (koma, titik desimal)');
      for (const count of COUNTS) expect(text).toMatch(count);
      if (dry) expect(text).toContain('uji coba');
      else expect(text).not.toContain('uji coba');
      const rejected = await see(summary.getByRole('row').filter({ hasText: UNKNOWN_VILLAGE }));
      expect(rejected).toMatch(/^5\s/);
      expect(rejected).toContain('e2e-upload-4');
      expect(rejected).toContain('village_code');
      expect(rejected).toContain('unknown village code');
    }

    // A workbook: read from its first sheet, the rejected row named by its sheet row.
    await file.setInputFiles({
      name: 'laporan-juli.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(),
    });
    await dryRun.setChecked(false);
    await start.click();
    const fromExcel = await see(summaryOf('laporan-juli.xlsx'));
    expect(fromExcel).toContain('Dibaca sebagai: Buku kerja Excel (lembar pertama)');
    expect(fromExcel).toMatch(/Baris:\s*2/);
    expect(fromExcel).toMatch(/baru\s+1\b/);
    const sheetRow = await see(
      summaryOf('laporan-juli.xlsx').getByRole('row').filter({ hasText: 'e2e-xlsx-2' }),
    );
    expect(sheetRow).toMatch(/^3\s/);

    // The real import is listed among the recent imports; the dry run stored no report.
    const recent = page.getByRole('region', { name: 'Impor terbaru' });
    const listed = recent.getByRole('row').filter({ hasText: 'laporan.csv' });
    await see(listed);
    // Rows, imported, updated, ignored, rejected.
    await expect.poll(() => listed.first().innerText()).toMatch(/selesai\s+4\s+3\s+0\s+0\s+1\s/);
    const kungkai = await page.request.get(
      `${inject('apiUrl')}/api/v1/villages/15.02.02.2004/reports`,
    );
    const history = (await kungkai.json()) as { reports: { period: string; report_id: string }[] };
    expect(history.reports.filter((r) => r.period === PERIOD)).toEqual([
      expect.objectContaining({ report_id: 'e2e-upload-1' }),
    ]);
    expect(problems).toEqual([]);
  });
});
