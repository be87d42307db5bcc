// An analyst opens the data quality page, sees flag rates by area and method, narrows the flags
// to one method, and follows the strongest flag up: confirmed, with a comment — the page shows
// the new status to everyone, the API the comment to those who may read it.
import { describe, expect, inject, it } from 'vitest';
import { see, seeChart, seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';
import { TOKEN_STORAGE_KEY } from './support/pages';
import { issueToken } from './support/sign-in';

const flow = browserFlow();

/** The last seeded month: a year of history before it, so it carries `history` flags. */
const PERIOD = '2024-12';
const COMMENT = 'Kader salah ketik, sudah dikonfirmasi lewat telepon';

describe('following a data quality flag up', () => {
  it('confirms the strongest history flag with a comment', async () => {
    const token = await issueToken('analyst');
    const { page, problems } = await flow.open();
    await page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [
      TOKEN_STORAGE_KEY,
      token,
    ] as const);
    await visit(page, `${flow.base}/kualitas?period=${PERIOD}`, problems);
    await seeHeading(page, 'Kualitas data · Indonesia');
    await seeChart(page.getByRole('region', { name: /Tanda per 100 laporan/ }));
    await seeChart(page.getByRole('region', { name: 'Kelengkapan indikator' }));

    const flags = page.getByRole('region', { name: 'Tanda', exact: true });
    await flags.getByLabel('Metode').selectOption('history');
    await flags.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/method=history/);

    const first = flags.getByRole('row').nth(1);
    expect(await see(first)).toContain('Riwayat sendiri');
    const village = await see(first.getByRole('rowheader').getByRole('link'));
    await first.getByRole('textbox').fill(COMMENT);
    await first.getByRole('button', { name: 'Konfirmasi kesalahan' }).click();

    expect(await see(flags.getByRole('status'))).toBe('Tersimpan: Kesalahan terkonfirmasi');
    // The page reads as the public does (no session): the status, not who wrote what.
    const confirmed = flags
      .getByRole('row')
      .filter({ hasText: village })
      .filter({ hasText: 'Kesalahan terkonfirmasi' });
    expect(await see(confirmed)).not.toContain(COMMENT);

    const api = await page.request.get(
      `${inject('apiUrl')}/api/v1/quality/flags?period=${PERIOD}&status=confirmed`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = (await api.json()) as { rows: { village_name: string; comment: string }[] };
    expect(body.rows).toContainEqual(
      expect.objectContaining({ village_name: village, method: 'history', comment: COMMENT }),
    );
    expect(problems).toEqual([]);
  });
});
