// Reports with data quality flags, worked out by hand, for the quality endpoints' tests.
import { scoreReport, type IndicatorValue } from '@pantau/domain';
import { applySubmissions, refreshAreaScores, type Warehouse } from '@pantau/warehouse';

export const APRIL = '2023-04';
/** Nine villages of Muara Siau kecamatan (15.02.03, Merangin), in code order. */
export const MUARA_SIAU_VILLAGES = [
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

/**
 * April 2023 in Muara Siau: one `peer` flag (Air Lago: others' median 27, MAD 4, Mz = 0.6745 ·
 * 63 / 4 ≈ 10.62) and one `stuck` flag (Durian Rambun, 42, score 6). 9 reports, 2 flagged.
 */
export async function loadQualityFixture(warehouse: Warehouse): Promise<void> {
  const reports: [string, string, Record<string, IndicatorValue>][] = [
    ...STUCK_MONTHS.map((period): [string, string, Record<string, IndicatorValue>] => [
      DURIAN_RAMBUN,
      period,
      { econ_umkm_online_pct: 42 },
    ]),
    ...MUARA_SIAU_VILLAGES.map((village, i): [string, string, Record<string, IndicatorValue>] => [
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
      reports.map(([village_code, period, indicators], i) => ({
        submission_id: `quality-1:${i + 2}`,
        source: 'import',
        source_id: 'quality-1',
        line: i + 2,
        received_at: '2023-05-01T00:00:00.000Z',
        valid: true,
        report: {
          report_id: `quality-${village_code}-${period}`,
          cadre_id: null,
          village_code,
          period,
          submitted_at: `${period}-28T02:00:00.000Z`,
          notes: null,
          indicators,
        },
        scores: scoreReport(indicators),
      })),
      new Date('2023-05-01T00:00:00Z'),
    );
    await refreshAreaScores(tx.connection);
  });
}
