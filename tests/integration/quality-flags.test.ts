// Quality flags through the whole pipeline: a history imported as CSV (validate workers, the
// loader), then a late correction posted as reports, must leave the flags the definition gives
// over the stored reports — read back through the API.
import { oracleFlags, type OracleFlag } from '@pantau/warehouse/flags-oracle';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

const KUNGKAI = '15.02.02.2004';
/** A kecamatan of Merangin with 17 villages. */
const PEERS_DISTRICT = '15.02.03';
const LETTERS = 'gov_online_letters_pct';
const INTERNET = 'mob_household_internet_pct';

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p.stop();
});

type Flag = OracleFlag;

/** Every flag under Jambi's Merangin, as the API lists them. */
async function apiFlags(): Promise<Flag[]> {
  const flags: Flag[] = [];
  for (let month = 1; month <= 8; month++) {
    const res = await p.call('GET', `/api/v1/quality/flags?parent=15.02&period=2023-0${month}`);
    expect(res.status).toBe(200);
    flags.push(...((await res.json()) as { rows: Flag[] }).rows);
  }
  return flags;
}

/** The definition's flags over the stored reports, as the API lists them. */
async function definitionFlags() {
  const connection = await p.warehouse.connect();
  try {
    return await oracleFlags(connection);
  } finally {
    connection.closeSync();
  }
}

const byKey = (flags: Flag[]) =>
  flags
    .map(({ village_code, period, indicator, method, value, baseline, score }) => ({
      village_code,
      period,
      indicator,
      method,
      value,
      baseline,
      score,
    }))
    .sort((a, b) =>
      `${a.village_code}|${a.period}|${a.method}`.localeCompare(
        `${b.village_code}|${b.period}|${b.method}`,
      ),
    );

it('flags an imported history, and recomputes the flags a late correction changes', async () => {
  const peers = (
    await p.warehouse.db
      .selectFrom('areas')
      .select('code')
      .where('parent_code', '=', PEERS_DISTRICT)
      .orderBy('code')
      .limit(9)
      .execute()
  ).map((r) => r.code);
  // Kungkai's letters, January to August 2023; nine villages of one kecamatan in March.
  const letters = [10, 10, 10, 10, 12, 12, 30, 11];
  const internet = [20, 22, 24, 26, 28, 30, 32, 34, 90];
  const rows = [
    ...letters.map((v, i) => [
      `k-${i + 1}`,
      KUNGKAI,
      `2023-0${i + 1}`,
      `2023-0${i + 1}-20T09:00:00`,
      v,
      '',
    ]),
    ...internet.map((v, i) => [`p-${i}`, peers[i]!, '2023-03', '2023-03-20T09:00:00', '', v]),
  ];
  const csv = [['report_id', 'village_code', 'period', 'submitted_at', LETTERS, INTERNET], ...rows]
    .map((r) => r.join(','))
    .join('\n');
  const summary = await p.importFile(csv, 'text/csv', '?filename=history.csv');
  expect(summary).toMatchObject({ status: 'completed', imported: 17, rejected: 0 });

  // July's baseline (10 10 10 10 12 12) does not vary: only the peer outlier is flagged.
  expect((await apiFlags()).map((f) => [f.village_code, f.period, f.method])).toEqual([
    [peers[8], '2023-03', 'peer'],
  ]);

  // January corrected to 12 (July's baseline: median 11, MAD 1), a peer's 28 to 80.
  const res = await p.call(
    'POST',
    '/api/v1/reports',
    JSON.stringify([
      {
        report_id: 'k-1b',
        village_code: KUNGKAI,
        period: '2023-01',
        submitted_at: '2023-02-01T09:00:00+07:00',
        indicators: { [LETTERS]: 12 },
      },
      {
        report_id: 'p-4b',
        village_code: peers[4],
        period: '2023-03',
        submitted_at: '2023-04-01T09:00:00+07:00',
        indicators: { [INTERNET]: 80 },
      },
    ]),
    { 'content-type': 'application/json' },
  );
  expect(res.status).toBe(202);
  const recomputed = await p.waitUntil(async () => {
    const flags = await apiFlags();
    return flags.length === 3 ? flags : null;
  }, 'the recomputed flags');
  expect(byKey(recomputed)).toEqual([
    expect.objectContaining({
      village_code: KUNGKAI,
      period: '2023-07',
      method: 'history',
      baseline: 11,
    }),
    expect.objectContaining({ village_code: peers[4], method: 'peer', value: 80, baseline: 28 }),
    expect.objectContaining({ village_code: peers[8], method: 'peer', value: 90, baseline: 28 }),
  ]);
  expect(byKey(recomputed)).toEqual(byKey(await definitionFlags()));
});
