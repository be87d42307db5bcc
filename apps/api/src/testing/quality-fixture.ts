// Reports with data quality flags, worked out by hand, for the quality endpoints' tests.
import type { IndicatorValue } from '@pantau/domain';
import { applySubmissions, refreshAreaScores, type Warehouse } from '@pantau/warehouse';
import { submission } from './read-fixture';

export const APRIL = '2023-04';
/** Nine villages of Muara Siau kecamatan (15.02.03, Merangin), in code order. */
const MUARA_SIAU_VILLAGES = [
  '15.02.03.2004',
  '15.02.03.2007',
  '15.02.03.2008',
  '15.02.03.2009',
  '15.02.03.2010',
  '15.02.03.2011',
  '15.02.03.2012',
  '15.02.03.2013',
  '15.02.03.2015',
];
/** Air Lago reports 90 % households online where its eight peers report 20–34 %. */
export const AIR_LAGO = '15.02.03.2015';
/** Durian Rambun has reported 42 % of small businesses online six months running. */
export const DURIAN_RAMBUN = '15.02.03.2004';

const INTERNET = [20, 22, 24, 26, 28, 30, 32, 34, 90];
const STUCK_MONTHS = ['2022-11', '2022-12', '2023-01', '2023-02', '2023-03'];

type Report = [village: string, period: string, indicators: Record<string, IndicatorValue>];

/**
 * April 2023 in Muara Siau: one `peer` flag (Air Lago: others' median 27, MAD 4, Mz = 0.6745 ·
 * 63 / 4 ≈ 10.62) and one `stuck` flag (Durian Rambun, 42, score 6). 9 reports, 2 flagged.
 */
export async function loadQualityFixture(warehouse: Warehouse): Promise<void> {
  const reports: Report[] = [
    ...STUCK_MONTHS.map((period): Report => [DURIAN_RAMBUN, period, { econ_umkm_online_pct: 42 }]),
    ...MUARA_SIAU_VILLAGES.map((village, i): Report => [
      village,
      APRIL,
      village === DURIAN_RAMBUN
        ? { mob_household_internet_pct: INTERNET[i]!, econ_umkm_online_pct: 42 }
        : { mob_household_internet_pct: INTERNET[i]! },
    ]),
  ];
  await warehouse.write(async (tx) => {
    await applySubmissions(
      tx,
      reports.map(([village, period, indicators], i) =>
        submission('quality-1', i + 2, village, period, indicators, `${period}-28T02:00:00Z`),
      ),
      new Date('2023-05-01T00:00:00Z'),
    );
    await refreshAreaScores(tx.connection);
  });
}
