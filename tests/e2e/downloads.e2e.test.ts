// An analyst takes a chart and a table of Kabupaten Merangin away: the heatmap as a PNG, the
// leaderboard of its kecamatan as an Excel workbook holding exactly the rows on screen; looks at
// it "as of" a day (every chart marked, the files named for it); and takes the quality page's
// flags and indicator completeness away as the tables shown.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveDownload, see, seeChart, visit } from './support/browser';
import { browserFlow } from './support/flow';

const flow = browserFlow();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The PNG is drawn at twice the chart's on-screen size. */
const PIXEL_RATIO = 2;

/** A number as the Indonesian interface shows it. */
function shownId(value: number, decimals: number): string {
  return new Intl.NumberFormat('id-ID', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })
    .format(value)
    .replace('-', '−');
}

describe('downloads from explore', () => {
  it('saves the heatmap as a PNG of the chart and the leaderboard as the XLSX shown', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/explore/15.02?period=2024-05`, problems);

    const heatmap = page.getByRole('region', { name: 'Kecamatan × pilar' });
    await seeChart(heatmap);
    const png = await saveDownload(page, () =>
      heatmap.getByRole('button', { name: 'Unduh Kecamatan × pilar sebagai gambar PNG' }).click(),
    );
    expect(png.name).toBe('kecamatan-pilar-kabupaten-merangin-2024-05.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const chartBox = await heatmap.getByRole('img').first().boundingBox();
    // IHDR: width and height, big-endian, right after the signature and the chunk header.
    expect(png.bytes.readUInt32BE(16)).toBe(Math.round(chartBox!.width) * PIXEL_RATIO);
    expect(png.bytes.readUInt32BE(20)).toBe(Math.round(chartBox!.height) * PIXEL_RATIO);

    const board = page.getByRole('region', { name: 'Peringkat Kecamatan' });
    const shownRows = await board
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim()),
        ),
      );
    expect(shownRows.length).toBeGreaterThan(1);
    // Keyboard-reachable: the button takes focus and Enter starts the download.
    const xlsxButton = board.getByRole('button', {
      name: 'Unduh Peringkat Kecamatan sebagai Excel (XLSX)',
    });
    await xlsxButton.focus();
    const xlsxFile = await saveDownload(page, () => page.keyboard.press('Enter'));
    expect(xlsxFile.name).toBe('peringkat-kecamatan-kabupaten-merangin-2024-05.xlsx');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(xlsxFile.bytes).buffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['#', 'Nama', 'IDC']);
    expect(sheet.rowCount).toBe(shownRows.length + 1);
    shownRows.forEach((shown, i) => {
      const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      // Rank, name, DCI and the six pillars: the same text once the number is shown as on screen.
      expect(cells[0]).toBe(Number(shown[0]));
      expect(cells[1]).toBe(shown[1]);
      for (let c = 2; c <= 8; c++) {
        const value = cells[c];
        expect(typeof value === 'number' ? shownId(value, 1) : value).toBe(shown[c]);
      }
      // Reporting rate (a ratio shown as a percentage) with "(reported/expected)" beside it.
      const rate = cells[9];
      const reportedOfExpected = `(${String(cells[11])}/${String(cells[12])})`;
      const change = cells[10];
      expect(
        typeof change === 'number'
          ? `${change > 0 ? '+' : change < 0 ? '−' : '±'}${shownId(Math.abs(change), 1)}`
          : change,
      ).toBe(shown[10]);
      expect(shown[9]).toBe(
        `${typeof rate === 'number' ? `${shownId(rate * 100, 1)}%` : String(rate)} ${reportedOfExpected}`,
      );
    });
    expect(await see(board.getByRole('row').nth(1))).toContain(String(shownRows[0]![1]));
    expect(problems).toEqual([]);
  });
});

/** Text of every table on the page (charts' tables included), card by card. */
function tableTexts(page: Page): Promise<string[]> {
  return page
    .locator('section.card table')
    .evaluateAll((tables) => tables.map((t) => t.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

describe('explore as of a day', () => {
  const CARDS = [
    'Peringkat Kecamatan',
    'Kecamatan × pilar',
    'Dibandingkan dengan induk dan nasional',
    'Sebaran IDC desa',
    'Tren · IDC',
  ];

  it('marks every chart, reads every one of them as of then, and names its files so', async () => {
    const { page, problems } = await flow.open();
    const view = `${flow.base}/explore/15.02?period=2024-05`;
    await visit(page, view, problems);
    await seeChart(page.getByRole('region', { name: 'Kecamatan × pilar' }));
    const now = await tableTexts(page);
    expect(await page.getByText('Per 2099-12-31').count()).toBe(0);

    // The seed was loaded today: as of a later day, every table is exactly today's.
    await visit(page, `${view}&as_of=2099-12-31`, problems);
    const heatmap = page.getByRole('region', { name: 'Kecamatan × pilar' });
    await seeChart(heatmap);
    for (const name of CARDS) {
      const card = page.getByRole('region', { name, exact: true });
      expect(await see(card.getByText('Per 2099-12-31', { exact: true })), name).toBe(
        'Per 2099-12-31',
      );
    }
    expect(await tableTexts(page)).toEqual(now);
    const png = await saveDownload(page, () =>
      heatmap.getByRole('button', { name: 'Unduh Kecamatan × pilar sebagai gambar PNG' }).click(),
    );
    expect(png.name).toBe('kecamatan-pilar-kabupaten-merangin-2024-05-per-tanggal-2099-12-31.png');

    // As of a day before anything was loaded, the distribution is empty too, not today's.
    await visit(page, `${view}&as_of=2020-01-01`, problems);
    const histogram = page.getByRole('region', { name: 'Sebaran IDC desa', exact: true });
    expect(await see(histogram.getByText(/desa melapor/))).toContain('0 desa melapor');
    expect(problems).toEqual([]);
  });
});

describe('downloads from the quality page', () => {
  it('saves the flags and the indicator completeness as shown, named for area and month', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/kualitas?period=2024-12`, problems);

    const flags = page.getByRole('region', { name: 'Tanda', exact: true });
    const villages = await flags
      .locator('tbody tr th a')
      .evaluateAll((links) => links.map((a) => (a as HTMLElement).innerText.trim()));
    expect(villages.length).toBeGreaterThan(0);
    const csv = await saveDownload(page, () =>
      flags.getByRole('button', { name: 'Unduh Tanda sebagai CSV' }).click(),
    );
    expect(csv.name).toBe('tanda-indonesia-2024-12.csv');
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Desa,Kode,Periode,Indikator,Metode,Nilai,Acuan,Skor,Tindak lanjut/);
    expect(lines.length).toBe(villages.length + 1);
    lines.slice(1).forEach((line, i) => expect(line).toContain(villages[i]!));

    const completeness = page.getByRole('region', { name: 'Kelengkapan indikator' });
    await seeChart(completeness);
    const shown = await completeness
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
        ),
      );
    expect(shown.length).toBeGreaterThan(10);
    const xlsxFile = await saveDownload(page, () =>
      completeness
        .getByRole('button', { name: 'Unduh Kelengkapan indikator sebagai Excel (XLSX)' })
        .click(),
    );
    expect(xlsxFile.name).toBe('kelengkapan-indikator-indonesia-2024-12.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(xlsxFile.bytes).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(shown.length + 1);
    shown.forEach((row, i) => {
      const [name, filled, share] = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      expect(name).toBe(row[0]);
      expect(typeof filled === 'number' ? shownId(filled, 0) : filled).toBe(row[1]);
      expect(typeof share === 'number' ? `${shownId(share * 100, 1)}%` : share).toBe(row[2]);
    });

    const heatmap = page.getByRole('region', { name: /Tanda per 100 laporan/ });
    await seeChart(heatmap);
    const png = await saveDownload(page, () =>
      heatmap.getByRole('button', { name: /sebagai gambar PNG/ }).click(),
    );
    expect(png.name).toBe('tanda-per-100-laporan-menurut-wilayah-dan-metode-indonesia-2024-12.png');
    expect(problems).toEqual([]);
  });
});
