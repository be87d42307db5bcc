// A ministry analyst, signed in, starts at the national overview and drills down to one village's
// profile: Indonesia → Jambi → Kabupaten Merangin → Kecamatan Bangko → Desa Kungkai.
import { describe, expect, it } from 'vitest';
import { see, seeChart, seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';
import { issueToken, signIn } from './support/sign-in';

const flow = browserFlow();

describe('drilling down from the overview', () => {
  it('goes from the province map to Kungkai and shows its indicators and report history', async () => {
    const { page, problems } = await flow.open();
    await signIn(page, flow.base, await issueToken('analyst'));
    await visit(page, `${flow.base}/`, problems);

    await seeHeading(page, 'Ringkasan nasional');
    const reporting = await see(
      page.getByRole('listitem').filter({ hasText: 'Desa melapor bulan ini' }),
    );
    expect(reporting).toMatch(/\d+\s+dari [\d.]+ desa yang diharapkan/);
    expect(await see(page.getByRole('listitem').filter({ hasText: 'IDC nasional' }))).toMatch(
      /\d+,\d/,
    );
    await seeChart(page.getByRole('region', { name: 'Pilar nasional' }));
    await seeChart(page.getByRole('region', { name: /Tren 24 bulan/ }));
    await seeChart(page.getByRole('region', { name: 'Sebaran tahap desa' }));

    await page.getByRole('link', { name: /^Jambi, IDC \d+,\d$/ }).click();
    await seeHeading(page, 'Jambi');
    await seeChart(page.getByRole('region', { name: /Kabupaten\/Kota × pilar/ }));

    await page.getByRole('link', { name: 'Kabupaten Merangin', exact: true }).click();
    await seeHeading(page, 'Kabupaten Merangin');
    const board = page.getByRole('region', { name: 'Peringkat Kecamatan' });
    expect(await see(board.getByRole('row').filter({ hasText: 'Bangko' }).first())).toMatch(
      /\d+,\d/,
    );

    await board.getByRole('link', { name: 'Bangko', exact: true }).click();
    await seeHeading(page, 'Bangko');
    expect(await see(page.getByRole('navigation', { name: 'Jejak wilayah' }))).toMatch(
      /Indonesia\s+Jambi\s+Kabupaten Merangin\s+Bangko/,
    );

    await page.getByRole('link', { name: 'Buka profil desa Kungkai' }).click();
    await seeHeading(page, 'Kungkai');
    expect(page.url()).toContain('/village/15.02.02.2004');
    const indicators = page.getByRole('region', { name: /^Indikator/ });
    const literacy = await see(
      indicators.getByRole('row').filter({ hasText: 'Warga terlatih literasi digital' }),
    );
    expect(literacy).toContain('Adults trained in digital literacy');
    expect(literacy).toMatch(/%/);
    await seeChart(page.getByRole('region', { name: 'Profil pilar' }));
    const lineage = page.getByRole('region', { name: 'Jejak pengiriman' });
    expect(await see(lineage.getByRole('row').nth(1))).toMatch(/WIB.*(baru|diperbarui)/s);

    expect(problems).toEqual([]);
  });

  it('switches the interface to English with decimal points', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/explore/15.02`, problems);
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await see(page.getByRole('link', { name: 'Ganti ke Bahasa Indonesia' }));
    await seeHeading(page, 'Kabupaten Merangin');
    expect(page.url()).toContain('lang=en');
    const board = page.getByRole('region', { name: 'District leaderboard' });
    expect(await see(board.getByRole('row').nth(1))).toMatch(/\d+\.\d/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(problems).toEqual([]);
  });
});
