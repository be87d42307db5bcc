// A regional lead compares kabupaten of Jambi: three picked by search, then all in one step.
import { describe, expect, it } from 'vitest';
import { see, seeChart, visit } from './support/browser';
import { browserFlow } from './support/flow';

const flow = browserFlow();

describe('comparing kabupaten of Jambi', () => {
  it('compares three kabupaten picked with the search', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/compare`, problems);
    expect(await see(page.getByText(/Pilih paling sedikit dua wilayah/))).toBeTruthy();

    const add = page.getByRole('combobox', { name: 'Tambah wilayah' });
    for (const name of ['Kabupaten Kerinci', 'Kabupaten Merangin', 'Kabupaten Sarolangun']) {
      await add.fill(name.replace('Kabupaten ', ''));
      await page.getByRole('option').filter({ hasText: name }).first().click();
      await see(page.getByRole('list', { name: 'Wilayah yang dibandingkan' }).getByText(name));
    }
    expect(decodeURIComponent(page.url())).toContain('areas=15.01,15.02,15.03');

    const summary = page.getByRole('region', { name: 'Ringkasan perbandingan' });
    for (const name of ['Kabupaten Kerinci', 'Kabupaten Merangin', 'Kabupaten Sarolangun']) {
      const row = await see(summary.getByRole('row').filter({ hasText: name }));
      // DCI with a decimal comma, the rank within Jambi ("3 dari 9") and the gap to the nation.
      expect(row).toMatch(/\d+,\d/);
      expect(row).toMatch(/\d+\s+dari\s+\d+/);
      expect(row).toMatch(/[+−±]\d+,\d/);
    }
    await seeChart(page.getByRole('region', { name: 'Profil pilar' }));
    await seeChart(page.getByRole('region', { name: 'Pilar per wilayah' }));
    await seeChart(page.getByRole('region', { name: 'Tren · IDC' }));

    // The table alternative of a chart shows the same numbers.
    const bars = page.getByRole('region', { name: 'Pilar per wilayah' });
    await bars.getByRole('button', { name: 'Tabel' }).click();
    expect(await see(bars.getByRole('table'))).toContain('Kabupaten Sarolangun');
    expect(problems).toEqual([]);
  });

  it('picks all kabupaten and kota of Jambi in one step, in one request', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/compare`, problems);
    const comparisons: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/compare') comparisons.push(request.url());
    });
    await page.getByRole('combobox', { name: /Semua kabupaten\/kota di provinsi/ }).selectOption({
      label: 'Jambi',
    });
    await page.getByRole('button', { name: 'Pilih semua' }).click();
    const summary = page.getByRole('region', { name: 'Ringkasan perbandingan' });
    await see(summary.getByRole('row').filter({ hasText: 'Kota Sungai Penuh' }));
    expect(await see(page.getByText(/^Semua kabupaten\/kota di Jambi/))).toBeTruthy();
    // Eleven areas behind one table, from one API request.
    expect(
      await summary
        .getByRole('row')
        .filter({ hasText: /Kabupaten|Kota/ })
        .count(),
    ).toBe(11);
    expect(comparisons).toHaveLength(1);
    expect(page.url()).toMatch(/[?&]of=15(&|$)/);

    // Leaving one out turns "all of Jambi" into the list of the other ten.
    await page
      .getByRole('list', { name: 'Wilayah yang dibandingkan' })
      .getByRole('link', { name: 'Hapus Kota Jambi' })
      .click();
    await see(summary.getByRole('row').filter({ hasText: 'Kota Sungai Penuh' }));
    await expect
      .poll(() =>
        summary
          .getByRole('row')
          .filter({ hasText: /Kabupaten|Kota/ })
          .count(),
      )
      .toBe(10);
    expect(decodeURIComponent(page.url())).toMatch(/areas=15\.01,15\.02,/);
    expect(page.url()).not.toContain('of=');
    expect(problems).toEqual([]);
  });
});
