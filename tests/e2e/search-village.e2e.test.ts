// Anyone finds a village by name from the header search, on any page, and opens its profile; its
// cadre and lineage are there for those signed in.
import { describe, expect, it } from 'vitest';
import { see, seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';
import { issueToken, signIn } from './support/sign-in';

const flow = browserFlow();

describe('searching for a village', () => {
  it('finds "Sungai Udang" as you type and opens its profile with the keyboard', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/completeness`, problems);

    const search = page.getByRole('combobox', { name: 'Cari wilayah atau desa' });
    await search.fill('Sungai Udang');
    const option = page.getByRole('option').filter({ hasText: '15.02.06.2026' });
    expect(await see(option)).toContain('Sungai Udang');
    // Arrow down to the Merangin one and open it with Enter, as a keyboard user would.
    const options = await page.getByRole('option').allInnerTexts();
    const index = options.findIndex((text) => text.includes('15.02.06.2026'));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    await search.press('Enter');

    await seeHeading(page, 'Sungai Udang');
    expect(page.url()).toContain('/village/15.02.06.2026');
    expect(await see(page.getByRole('navigation', { name: 'Jejak wilayah' }))).toContain(
      'Kabupaten Merangin',
    );
    // Anyone sees its indicators; who its cadre is, and the lineage, are for signed-in readers.
    await see(page.getByRole('region', { name: /^Indikator/ }));
    const hidden = 'hanya ditampilkan kepada analis yang masuk dengan token API';
    expect(await see(page.getByRole('region', { name: 'Kader digital' }))).toContain(hidden);
    expect(await see(page.getByRole('region', { name: 'Jejak pengiriman' }))).toContain(hidden);
    expect(await page.getByText('KD-15.02.06.2026').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("shows a signed-in analyst the village's cadre and lineage", async () => {
    const { page, problems } = await flow.open();
    await signIn(page, flow.base, await issueToken('analyst'), '/village/15.02.06.2026');
    await visit(page, `${flow.base}/village/15.02.06.2026`, problems);
    await seeHeading(page, 'Sungai Udang');
    expect(await see(page.getByRole('region', { name: 'Jejak pengiriman' }))).toMatch(/WIB/);
    // Its cadre, from the roster.
    const cadre = await see(page.getByRole('region', { name: 'Kader digital' }));
    expect(cadre).toContain('KD-15.02.06.2026');
    expect(cadre).toMatch(/Status\s+(Aktif|Tidak aktif lagi)/);
    expect(cadre).toContain('Region Jakarta');
    expect(problems).toEqual([]);
  });

  it('tells villages of the same name apart by where they lie', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/`, problems);
    await page.getByRole('combobox', { name: 'Cari wilayah atau desa' }).fill('Mentawak');
    const merangin = page.getByRole('option').filter({ hasText: '15.02.11.2006' });
    expect(await see(merangin)).toContain('Nalo Tantan, Kabupaten Merangin, Jambi');
    const belitung = page.getByRole('option').filter({ hasText: '19.06.04.2001' });
    expect(await see(belitung)).toContain(
      'Kelapa Kampit, Kabupaten Belitung Timur, Kepulauan Bangka Belitung',
    );
    expect(problems).toEqual([]);
  });

  it('says so when nothing matches', async () => {
    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/`, problems);
    await page.getByRole('combobox', { name: 'Cari wilayah atau desa' }).fill('Zzyzx Qwerty');
    expect(await see(page.getByText('Tidak ada wilayah bernama "Zzyzx Qwerty"'))).toBeTruthy();
    expect(problems).toEqual([]);
  });
});
