// A small warehouse whose area means are computed by hand in the query tests.
import type { IndicatorValue } from '@pantau/domain';
import { openWarehouse, type Warehouse } from '../warehouse';
import { applySubmissions } from '../writes/apply-submissions';
import { upsertCadres } from '../writes/cadres.writes';
import { refreshAreaScores } from '../writes/refresh-area-scores';
import { validSubmission } from './submissions.fixture';

export const KUNGKAI = '15.02.02.2004'; // Bangko, Merangin, Jambi (Region Jakarta)
export const SUNGAI_KAPAS = '15.02.02.2024'; // Bangko
export const SUNGAI_UDANG = '15.02.06.2026'; // Pamenang, Merangin
export const PAUH_MENANG = '15.02.06.2012'; // Pamenang — expected, never reports
export const LEMPUR_TENGAH = '15.01.01.1004'; // Kerinci, Jambi
export const WONOREJO = '94.01.01.1001'; // Papua Tengah (Region Makassar)
export const TAMBAKREJA = '33.01.01.2001'; // Jawa Tengah (Region Surabaya)

const MARCH: [string, Record<string, IndicatorValue>][] = [
  [KUNGKAI, { gov_online_letters_pct: 60, people_rkdd_active: true }], // gov 60, people 100 → 80
  [SUNGAI_KAPAS, { gov_online_letters_pct: 20, mob_signal_level: 3 }], // gov 20, mob 100 → 60
  [SUNGAI_UDANG, { people_digital_literacy_pct: 12.5 }], // people 50 → 50
  [LEMPUR_TENGAH, { env_early_warning: false }], // env 0 → 0
  [WONOREJO, { mob_signal_level: 1 }], // mob 33.33 → 33.33
  [TAMBAKREJA, { mob_household_internet_pct: 90 }], // mob 90 → 90
];

/**
 * An in-memory warehouse with March 2023 reports from six villages (Sungai Kapas late), a
 * February report from Kungkai (gov 40), and a roster: three active cadres (Kungkai, Sungai
 * Kapas, Pauh Menang) and an inactive one (Sungai Udang).
 */
export async function openReadFixture(): Promise<Warehouse> {
  const warehouse = await openWarehouse({ dataDir: null });
  const march = MARCH.map(([village_code, indicators], i) =>
    validSubmission({
      line: i + 2,
      report_id: `m-${village_code}`,
      village_code,
      period: '2023-03',
      submitted_at: i === 1 ? '2023-04-15T09:00:00+07:00' : '2023-03-27T09:00:00+07:00',
      indicators,
    }),
  );
  const february = validSubmission({
    line: 20,
    report_id: 'f-kungkai',
    village_code: KUNGKAI,
    period: '2023-02',
    submitted_at: '2023-02-27T09:00:00+07:00',
    indicators: { gov_online_letters_pct: 40 },
  });
  await warehouse.write(async (tx) => {
    await applySubmissions(tx, [...march, february]);
    await refreshAreaScores(tx.connection);
    await upsertCadres(tx.connection, [
      { cadre_id: 'KD-1', name: 'Siti', village_code: KUNGKAI, region: 'JKT', active: true },
      { cadre_id: 'KD-2', name: 'Budi', village_code: SUNGAI_KAPAS, region: 'JKT', active: true },
      { cadre_id: 'KD-3', name: 'Rina', village_code: PAUH_MENANG, region: 'JKT', active: true },
      { cadre_id: 'KD-4', name: 'Agus', village_code: SUNGAI_UDANG, region: 'JKT', active: false },
    ]);
  });
  return warehouse;
}
