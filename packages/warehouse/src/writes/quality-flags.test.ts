import type { IndicatorValue } from '@pantau/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadVillageReports,
  type VillageReport as Report,
} from '../testing/village-reports.fixture';
import { oracleFlags } from '../testing/flags-oracle';
import { openWarehouse, type Warehouse } from '../warehouse';

const KUNGKAI = '15.02.02.2004';
/** A kecamatan of Merangin with 17 villages (Kungkai's has 8). */
const PEERS_DISTRICT = '15.02.03';
const LETTERS = 'gov_online_letters_pct';
const INTERNET = 'mob_household_internet_pct';

let warehouse: Warehouse;

beforeEach(async () => {
  warehouse = await openWarehouse({ dataDir: null });
});

afterEach(async () => {
  await warehouse.close();
});

const load = (reports: Report[]) => loadVillageReports(warehouse, reports);

/** The m-th month from January 2023 (1 = 2023-01, 13 = 2024-01). */
const month = (m: number) =>
  `${2023 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;

/** One village's reports of one indicator, from January on (null: no report that month). */
function series(village: string, indicator: string, values: (IndicatorValue | null)[]): Report[] {
  return values.flatMap((value, i) =>
    value === null ? [] : [{ village, period: month(i + 1), indicators: { [indicator]: value } }],
  );
}

async function flags() {
  return warehouse.db
    .selectFrom('quality_flags')
    .select(['id', 'village_code', 'period', 'indicator', 'method', 'value', 'baseline', 'score'])
    .select(['status', 'comment'])
    .orderBy('village_code')
    .orderBy('period')
    .orderBy('method')
    .execute();
}

async function villagesOf(district: string, count: number): Promise<string[]> {
  const rows = await warehouse.db
    .selectFrom('areas')
    .select('code')
    .where('level', '=', 'village')
    .where('parent_code', '=', district)
    .orderBy('code')
    .limit(count)
    .execute();
  return rows.map((r) => r.code);
}

/** One period's reports of one indicator from the first villages of PEERS_DISTRICT. */
async function peers(values: number[], period = '2023-03'): Promise<Report[]> {
  const villages = await villagesOf(PEERS_DISTRICT, values.length);
  return values.map((value, i) => ({
    village: villages[i]!,
    period,
    indicators: { [INTERNET]: value },
  }));
}

describe('history flags', () => {
  it('flags a value far from the village’s last 12 periods by its modified z-score', async () => {
    await load(series(KUNGKAI, LETTERS, [10, 12, 11, 13, 12, 11, 60]));
    // Baseline 10, 11, 11, 12, 12, 13: median 11.5, MAD 0.5, Mz = 0.6745 · 48.5 / 0.5.
    expect(await flags()).toEqual([
      expect.objectContaining({
        village_code: KUNGKAI,
        period: '2023-07',
        indicator: LETTERS,
        method: 'history',
        value: 60,
        baseline: 11.5,
        score: expect.closeTo(65.4265, 6),
        status: 'open',
      }),
    ]);
  });

  it('drops the flag of a report corrected to no measured value', async () => {
    await load(series(KUNGKAI, LETTERS, [10, 12, 11, 13, 12, 11, 60]));
    expect(await flags()).toHaveLength(1);
    await load([{ village: KUNGKAI, period: '2023-07', indicators: { mob_signal_level: 2 } }]);
    expect(await flags()).toEqual([]);
  });

  it('needs six earlier values', async () => {
    await load(series(KUNGKAI, LETTERS, [10, 12, null, 13, 12, 11, 60]));
    expect(await flags()).toEqual([]);
  });

  it('looks back 12 periods only', async () => {
    // The first six months fall out of the window of the 19th month, which has only five values.
    const old = [10, 12, 11, 13, 12, 11];
    const gap = Array<null>(7).fill(null);
    const reports = series(KUNGKAI, LETTERS, [...old, ...gap, 12, 11, 13, 12, 11, 60]);
    await load(reports);
    expect(await flags()).toEqual([]);
  });

  it('flags nothing when the baseline does not vary (MAD = 0)', async () => {
    await load(series(KUNGKAI, LETTERS, [10, 10, 10, 10, 11, 10, 90]));
    expect(await flags()).toEqual([]);
  });

  it('never checks booleans or ordinals', async () => {
    await load([
      ...series(KUNGKAI, 'econ_bumdes_digital_level', [0, 1, 0, 1, 0, 1, 3, 3, 3, 3, 3, 3]),
      ...series(KUNGKAI, 'people_rkdd_active', [true, true, true, true, true, true, false]),
    ]);
    expect(await flags()).toEqual([]);
  });
});

describe('stuck flags', () => {
  it('flags the same non-zero value six months running', async () => {
    await load(series(KUNGKAI, LETTERS, [42, 42, 42, 42, 42, 42]));
    expect(await flags()).toEqual([
      expect.objectContaining({ period: '2023-06', method: 'stuck', value: 42, baseline: 42 }),
    ]);
    const [flag] = await flags();
    expect(flag!.score).toBe(6);
  });

  it('needs all five periods before, each with the value', async () => {
    await load([
      ...series(KUNGKAI, LETTERS, [42, 42, null, 42, 42, 42]),
      ...series('15.02.02.2024', LETTERS, [42, 42, 42, 41, 42, 42]),
    ]);
    expect(await flags()).toEqual([]);
  });

  it('leaves zeros, counts and ordinals alone', async () => {
    await load([
      ...series(KUNGKAI, LETTERS, [0, 0, 0, 0, 0, 0]),
      ...series(KUNGKAI, 'people_training_sessions', [2, 2, 2, 2, 2, 2]),
      ...series(KUNGKAI, 'econ_bumdes_digital_level', [2, 2, 2, 2, 2, 2]),
    ]);
    expect(await flags()).toEqual([]);
  });
});

describe('peer flags', () => {
  it('flags a value far from the other villages of its kecamatan', async () => {
    const reports = await peers([20, 22, 24, 26, 28, 30, 32, 34, 90]);
    await load(reports);
    // Others: median 27, MAD 4; Mz = 0.6745 · 63 / 4. No other village is an outlier.
    expect(await flags()).toEqual([
      expect.objectContaining({
        village_code: reports[8]!.village,
        method: 'peer',
        value: 90,
        baseline: 27,
        score: expect.closeTo(10.623375, 6),
      }),
    ]);
  });

  it('needs eight other villages', async () => {
    await load(await peers([20, 22, 24, 26, 28, 30, 32, 90]));
    expect(await flags()).toEqual([]);
  });

  it('flags nothing when the other villages agree exactly (MAD = 0)', async () => {
    await load(await peers([25, 25, 25, 25, 25, 25, 25, 25, 90]));
    expect(await flags()).toEqual([]);
  });
});

describe('recomputation', () => {
  it('recomputes the history flags of later months and the peer flags of the kecamatan after a late correction', async () => {
    const history = series(KUNGKAI, LETTERS, [10, 10, 10, 10, 12, 12, 30, 11]);
    const others = await peers([20, 22, 24, 26, 28, 30, 32, 34, 90]);
    await load([...history, ...others]);
    // Baseline of July: 10, 10, 10, 10, 12, 12 — MAD 0, so July's 30 is not flagged yet.
    expect((await flags()).map((f) => [f.village_code, f.period, f.method])).toEqual([
      [others[8]!.village, '2023-03', 'peer'],
    ]);

    // January corrected to 12 (July's baseline: median 11, MAD 1) and a peer's 28 to 80.
    await load([
      { village: KUNGKAI, period: '2023-01', indicators: { [LETTERS]: 12 } },
      { village: others[4]!.village, period: '2023-03', indicators: { [INTERNET]: 80 } },
    ]);
    const recomputed = await flags();
    expect(recomputed).toHaveLength(3);
    expect(recomputed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          village_code: KUNGKAI,
          period: '2023-07',
          method: 'history',
          baseline: 11,
          score: expect.closeTo(0.6745 * 19, 6),
        }),
        // Others of the corrected peer: median 28, MAD 5.
        expect.objectContaining({
          village_code: others[4]!.village,
          method: 'peer',
          value: 80,
          baseline: 28,
          score: expect.closeTo((0.6745 * 52) / 5, 6),
        }),
        // The untouched outlier's baseline moved with its kecamatan: median 28, MAD 5.
        expect.objectContaining({
          village_code: others[8]!.village,
          method: 'peer',
          baseline: 28,
          score: expect.closeTo((0.6745 * 62) / 5, 6),
        }),
      ]),
    );
  });

  it('recomputes after a correction older than the loader keeps in memory', async () => {
    // Five years, a month a load (the writer keeps about two years of each village).
    const values = Array.from({ length: 60 }, (_, i) => (i === 7 ? 30 : 10 + (i % 3)));
    for (const report of series(KUNGKAI, LETTERS, values)) await load([report]);
    expect((await flags()).map((f) => [f.period, f.value])).toEqual([['2023-08', 30]]);

    // August 2023 corrected to 40: its window (10 11 12 10 11 12 10) is read back.
    await load([{ village: KUNGKAI, period: '2023-08', indicators: { [LETTERS]: 40 } }]);
    expect(await flags()).toEqual([
      expect.objectContaining({
        period: '2023-08',
        method: 'history',
        value: 40,
        baseline: 11,
        score: 0.6745 * 29,
      }),
    ]);
    const connection = await warehouse.connect();
    const expected = await oracleFlags(connection);
    connection.closeSync();
    expect(expected.map((f) => [f.period, f.value])).toEqual([['2023-08', 40]]);
    // 61 transactions: 2–4 s alone, near vitest's 5 s when the machine runs other suites too.
  }, 30_000);

  it('keeps a flag’s id and follow-up while it holds, and drops it when it no longer does', async () => {
    await load(series(KUNGKAI, LETTERS, [10, 12, 11, 13, 12, 11, 60]));
    const [flag] = await flags();
    await warehouse.write(({ db }) =>
      db
        .updateTable('quality_flags')
        .set({ status: 'confirmed', comment: 'cadre typed 60 for 6' })
        .where('id', '=', flag!.id)
        .execute(),
    );

    await load([{ village: KUNGKAI, period: '2023-07', indicators: { [LETTERS]: 65 } }]);
    expect(await flags()).toEqual([
      expect.objectContaining({
        id: flag!.id,
        value: 65,
        status: 'confirmed',
        comment: 'cadre typed 60 for 6',
      }),
    ]);

    await load([{ village: KUNGKAI, period: '2023-07', indicators: { [LETTERS]: 12 } }]);
    expect(await flags()).toEqual([]);
  });
});

describe('raised flags', () => {
  it('reports the flags a load raised by kecamatan and method, and not those it found again', async () => {
    const others = await peers([20, 22, 24, 26, 28, 30, 32, 34, 90]);
    expect(
      await load([...series(KUNGKAI, LETTERS, [10, 12, 11, 13, 12, 11, 60]), ...others]),
    ).toEqual([
      { district_code: '15.02.02', method: 'history', flags: 1 },
      { district_code: PEERS_DISTRICT, method: 'peer', flags: 1 },
    ]);

    // July corrected, still an outlier; a peer's 20 corrected to 21, so the kecamatan's flags are
    // recomputed and its outlier found again: the same two flags, none new.
    expect(
      await load([
        { village: KUNGKAI, period: '2023-07', indicators: { [LETTERS]: 65 } },
        { ...others[0]!, indicators: { [INTERNET]: 21 } },
      ]),
    ).toEqual([]);
    expect(await flags()).toHaveLength(2);

    // A second outlier among the peers is new; the first is found again.
    expect(
      await load([
        { village: others[4]!.village, period: '2023-03', indicators: { [INTERNET]: 80 } },
      ]),
    ).toEqual([{ district_code: PEERS_DISTRICT, method: 'peer', flags: 1 }]);
  });

  it('counts a flag dropped and raised again as new', async () => {
    await load(series(KUNGKAI, LETTERS, [10, 12, 11, 13, 12, 11, 60]));
    await load([{ village: KUNGKAI, period: '2023-07', indicators: { [LETTERS]: 12 } }]);
    expect(await flags()).toEqual([]);
    expect(
      await load([{ village: KUNGKAI, period: '2023-07', indicators: { [LETTERS]: 60 } }]),
    ).toEqual([{ district_code: '15.02.02', method: 'history', flags: 1 }]);
  });
});
