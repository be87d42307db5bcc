// The village memo against the SQL path: after every load (which says which villages it wrote)
// and every other write (which does not), each village's kept page equals a fresh read — its
// reports, replaced reports, submissions (rejected ones included) and cadre.
import { commitSubmissions } from '@pantau/ingest';
import {
  getVillageCadre,
  getVillageReports,
  openWarehouse,
  packSubmissions,
  type Submission,
  type Warehouse,
} from '@pantau/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCadre,
  countingReads,
  FEBRUARY,
  FIXTURE_VILLAGES,
  KUNGKAI,
  loadReadFixture,
  MARCH,
  randomIndicators,
  seededRandom,
  submission,
  SUNGAI_KAPAS,
} from '../testing/read-fixture';
import { VillageMemo } from './village-memo';

const PERIODS = [FEBRUARY, MARCH];
/** The route's default, and a limit that cuts each list short. */
const LIMITS = [60, 2];

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null, readers: 2 });
  await loadReadFixture(warehouse);
});
afterAll(() => warehouse.close());

function rejected(sourceId: string, line: number, village: string): Submission {
  return {
    submission_id: `${sourceId}:${line}`,
    source: 'import',
    source_id: sourceId,
    line,
    received_at: '2023-05-01T00:00:00.000Z',
    valid: false,
    errors: [{ field: 'period', value: '2023-13', message: 'is not a month' }],
    payload: { report_id: `bad-${line}`, village_code: village, period: '2023-13' },
  };
}

async function expectSameAsSql(memo: VillageMemo, step: number): Promise<void> {
  for (const village of FIXTURE_VILLAGES) {
    for (const limit of LIMITS) {
      const [lineage, cadre] = await Promise.all([
        getVillageReports(warehouse.db, village, limit),
        getVillageCadre(warehouse.db, village),
      ]);
      expect(await memo.page(village, limit), `${village} (${limit}) after step ${step}`).toEqual({
        ...lineage,
        cadre,
      });
    }
  }
}

describe('VillageMemo', () => {
  it('equals the SQL path through loads, corrections, rejections and other writes', async () => {
    const memo = new VillageMemo(warehouse);
    const next = seededRandom(29);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    await expectSameAsSql(memo, -1);
    for (let step = 0; step < 12; step++) {
      if (step % 6 === 5) {
        await addCadre(warehouse, step, pick(FIXTURE_VILLAGES), true);
      } else {
        // Now and then a source sends again (a later row of it supersedes its earlier one), a
        // report is older than the stored one (ignored), or a row is rejected.
        const source = step % 3 === 2 ? `load-${step - 1}` : `load-${step}`;
        const rows: Submission[] = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, i) => {
          const indicators = randomIndicators(next);
          const day = next() < 0.2 ? 1 : 10 + step;
          return submission(
            source,
            100 * step + i + 1,
            pick(FIXTURE_VILLAGES),
            pick(PERIODS),
            indicators,
            `2023-04-${String(day).padStart(2, '0')}T09:00:00+07:00`,
          );
        });
        rows.push(rejected(source, 100 * step + 50, pick(FIXTURE_VILLAGES)));
        await commitSubmissions(warehouse, packSubmissions(rows));
      }
      await expectSameAsSql(memo, step);
    }
  }, 60_000);

  it('reads again only the villages a load names', async () => {
    const counted = countingReads(warehouse);
    const memo = new VillageMemo(counted.warehouse);
    for (const village of FIXTURE_VILLAGES) await memo.page(village, 60);
    const built = counted.reads();
    await commitSubmissions(
      warehouse,
      packSubmissions([
        submission('memo', 1, KUNGKAI, MARCH, { mob_signal_level: 2 }, '2023-04-28T09:00:00+07:00'),
        rejected('memo', 2, SUNGAI_KAPAS),
      ]),
    );
    for (const village of FIXTURE_VILLAGES) await memo.page(village, 60);
    expect(counted.reads()).toBe(built + 2);
    const page = await memo.page(KUNGKAI, 60);
    expect(page.reports.find((r) => r.period === MARCH)?.report_id).toBe(
      `memo-${KUNGKAI}-${MARCH}`,
    );
    const submissions = (await memo.page(SUNGAI_KAPAS, 60)).submissions;
    expect(submissions.map((s) => s.submission_id)).toContain('memo:2');
  });
});
