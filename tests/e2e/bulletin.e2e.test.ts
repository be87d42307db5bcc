// A regional lead opens Kabupaten Merangin's bulletin for May 2024, takes the API's PDF of it and
// looks at the page as it prints on A4.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { saveDownload, see, seeChart, seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';
import { LOG_DIR } from './support/servers';

const flow = browserFlow();
/** A4 at 96 dpi, the size Chromium lays a printed page out at. */
const A4 = { width: 794, height: 1123 } as const;
const BULLETIN_SHOT = join(LOG_DIR, 'bulletin-merangin-print.png');

describe('the monthly bulletin', () => {
  it("shows Merangin's May, downloads the API's PDF of it and prints on A4", async () => {
    const { page, problems } = await flow.open(A4);
    await visit(page, `${flow.base}/buletin/15.02?period=2024-05`, problems);
    await seeHeading(page, 'Kabupaten Merangin');
    expect(await see(page.getByRole('article').getByText('Mei 2024', { exact: true }))).toBe(
      'Mei 2024',
    );
    await seeChart(page.getByRole('region', { name: 'Skor per pilar' }));
    await seeChart(page.getByRole('region', { name: 'Tren IDC 12 bulan' }));
    const ranking = page.getByRole('region', { name: 'Peringkat Kecamatan' });
    expect(await see(ranking.getByRole('row').filter({ hasText: 'Bangko' }))).toMatch(/\d+,\d/);
    await see(page.getByRole('region', { name: /Desa yang belum melapor \(\d+\)/ }));

    const download = await saveDownload(page, () =>
      page
        .getByRole('link', { name: 'Unduh buletin Kabupaten Merangin Mei 2024 sebagai PDF' })
        .click(),
    );
    expect(download.name).toBe('buletin-kabupaten-merangin-2024-05.pdf');
    const pdf = download.bytes;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
      mergePages: true,
    });
    for (const words of ['Kabupaten Merangin', 'Mei 2024', 'Bangko', 'Desa yang belum melapor']) {
      expect(text).toContain(words);
    }

    // As printed: the dashboard's header and the toolbar go, the sheet fits the page's width.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('banner').first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Cetak' }).isVisible()).toBe(false);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    mkdirSync(LOG_DIR, { recursive: true });
    await page.screenshot({ path: BULLETIN_SHOT, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('lists the stored editions from the navigation', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/explore/15.02`, problems);
    await page.getByRole('link', { name: 'Buletin', exact: true }).click();
    await seeHeading(page, 'Buletin bulanan');
    // No month has been rendered in this run's data dir (the scheduler runs on the 11th).
    expect(await see(page.getByText('Belum ada buletin tersimpan.'))).toBeTruthy();
    expect(problems).toEqual([]);
  });
});
