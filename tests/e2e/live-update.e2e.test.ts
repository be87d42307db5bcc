// An analyst keeps the overview open while a cadre's report arrives through the API: the number of
// villages reporting this month, the reports of the last hour and the live feed change in place,
// and the feed links the quality flag the report raised to the quality page.
import { describe, expect, inject, it } from 'vitest';
import { see, seeHeading, visit } from './support/browser';
import { browserFlow } from './support/flow';

const flow = browserFlow();

/**
 * Pematang Kandis (Bangko, Merangin) has no report for the seed's latest month. Its training
 * sessions of the 12 months before it are 1, 3, 3, 3, 4, 5, 5 (median 3, MAD 1): 100 is a
 * `history` outlier. Bangko has too few villages in the seed for `peer` flags.
 */
const VILLAGE = '15.02.02.1013';
const LATEST = '2024-12';
/** Loading takes about a second; the page then refreshes after at most 1.5 s. */
const CHANGE_TIMEOUT_MS = 20_000;

/** The big number of a KPI card ("1.234" in Indonesian: dots group thousands). */
function kpiValue(cardText: string, heading: string): number {
  const match = new RegExp(`${heading}\\s+([\\d.]+)`).exec(cardText);
  if (!match?.[1]) throw new Error(`no number under "${heading}" in: ${cardText}`);
  return Number(match[1].replaceAll('.', ''));
}

describe('a report arriving while the overview is open', () => {
  it('changes the overview without a reload', async () => {
    const api = inject('apiUrl');
    const auth = { authorization: `Bearer ${inject('adminToken')}` };
    const before = await fetch(`${api}/api/v1/villages/${VILLAGE}/reports`, { headers: auth });
    const history = (await before.json()) as { reports: { period: string }[] };
    expect(history.reports.map((r) => r.period)).not.toContain(LATEST);

    const { page, problems } = await flow.open();
    await visit(page, `${flow.base}/`, problems);
    await seeHeading(page, 'Ringkasan nasional');
    const reportingCard = page.getByRole('listitem').filter({ hasText: 'Desa melapor bulan ini' });
    const lastHourCard = page
      .getByRole('listitem')
      .filter({ hasText: 'Laporan dalam satu jam terakhir' });
    const reporting = kpiValue(await see(reportingCard), 'Desa melapor bulan ini');
    const lastHour = kpiValue(await see(lastHourCard), 'Laporan dalam satu jam terakhir');
    // A reload would lose this mark.
    await page.evaluate(() => ((window as unknown as { e2eMarker: number }).e2eMarker = 1));

    const response = await fetch(`${api}/api/v1/reports`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        report_id: `e2e-live-${Date.now()}`,
        cadre_id: `KD-${VILLAGE}`,
        village_code: VILLAGE,
        period: LATEST,
        submitted_at: '2025-01-06T10:00:00+07:00',
        indicators: {
          gov_online_letters_pct: 70,
          people_rkdd_active: true,
          mob_signal_level: 3,
          people_training_sessions: 100,
        },
      }),
    });
    expect(response.status).toBe(202);

    await expect
      .poll(async () => kpiValue(await reportingCard.innerText(), 'Desa melapor bulan ini'), {
        timeout: CHANGE_TIMEOUT_MS,
      })
      .toBe(reporting + 1);
    await expect
      .poll(
        async () => kpiValue(await lastHourCard.innerText(), 'Laporan dalam satu jam terakhir'),
        { timeout: CHANGE_TIMEOUT_MS },
      )
      .toBe(lastHour + 1);
    const feed = page.getByRole('region', { name: 'Muatan terbaru' });
    const load = feed.getByRole('listitem').filter({ hasText: /^1 baru/ });
    expect(await see(load)).toMatch(/1 kecamatan, periode Des 2024/);
    const flagLink = load.getByRole('link', { name: '1 tanda kualitas baru' });
    expect(await flagLink.getAttribute('href')).toBe(`/kualitas?period=${LATEST}&method=history`);

    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(
      1,
    );
    expect(problems).toEqual([]);
  });
});
