// A small, hand-computed data set for the read endpoints' tests (numbers worked out below).
import { scoreReport, type IndicatorValue, type ValidReport } from '@pantau/domain';
import {
  applySubmissions,
  refreshAreaScores,
  upsertCadres,
  type Submission,
  type Warehouse,
} from '@pantau/warehouse';
import { issueApiToken } from '../auth/api-tokens';
import type { Role } from '../auth/principal';

export const KUNGKAI = '15.02.02.2004'; // Bangko, Merangin, Jambi (Region Jakarta)
export const SUNGAI_KAPAS = '15.02.02.2024'; // Bangko
export const SUNGAI_UDANG = '15.02.06.2026'; // Pamenang, Merangin — its cadre is inactive
export const PAUH_MENANG = '15.02.06.2012'; // Pamenang — expected, never reports
export const LEMPUR_TENGAH = '15.01.01.1004'; // Kerinci, Jambi
export const WONOREJO = '94.01.01.1001'; // Papua Tengah (Region Makassar)
export const TAMBAKREJA = '33.01.01.2001'; // Jawa Tengah (Region Surabaya)
export const FIXTURE_VILLAGES = [
  KUNGKAI,
  SUNGAI_KAPAS,
  SUNGAI_UDANG,
  PAUH_MENANG,
  LEMPUR_TENGAH,
  WONOREJO,
  TAMBAKREJA,
];

/** Two indicators' values drawn from `next`: what the memo tests' random loads report. */
export function randomIndicators(next: () => number): Record<string, IndicatorValue> {
  return {
    gov_online_letters_pct: Math.floor(next() * 100),
    mob_signal_level: Math.floor(next() * 4),
  };
}

/** A write that does not say what it changed (a roster upload of one cadre). */
export function addCadre(warehouse: Warehouse, step: number, village: string, active: boolean) {
  return warehouse.write((tx) =>
    upsertCadres(tx.connection, [
      { cadre_id: `KD-extra-${step}`, name: 'Extra', village_code: village, region: 'JKT', active },
    ]),
  );
}

/** `warehouse`, counting each use of its readers (`db`). */
export function countingReads(warehouse: Warehouse): { warehouse: Warehouse; reads(): number } {
  let reads = 0;
  const counting = (pool: 'db' | 'lineageDb') => ({
    get() {
      reads++;
      return warehouse[pool];
    },
  });
  const counted: Warehouse = Object.create(warehouse, {
    db: counting('db'),
    lineageDb: counting('lineageDb'),
  });
  return { warehouse: counted, reads: () => reads };
}

/** A small deterministic generator of numbers in [0, 1), so a randomised test's failure replays. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export const MARCH = '2023-03';
/** What Kungkai's cadre wrote on the March report: personal data, like the cadre's name. */
export const KUNGKAI_NOTES = 'Sinyal lemah di dusun 3, kata Bu Siti';
export const FEBRUARY = '2023-02';

/**
 * March 2023, one report per village (score per pillar → DCI):
 *   Kungkai       gov 60, people 100        → 80  (on time)
 *   Sungai Kapas  gov 20, mobility 100      → 60  (late: 15 April)
 *   Sungai Udang  people 50 (12.5 % / 25)   → 50
 *   Lempur Tengah environment 0             → 0
 *   Wonorejo      mobility 33.3… (1 of 3)   → 33.3…
 *   Tambakreja    mobility 90               → 90
 * February 2023: Kungkai gov 30, then corrected to gov 40 from another source → 40.
 */
const MARCH_INDICATORS: [string, Record<string, IndicatorValue>, string][] = [
  [KUNGKAI, { gov_online_letters_pct: 60, people_rkdd_active: true }, '2023-03-27T09:00:00+07:00'],
  [SUNGAI_KAPAS, { gov_online_letters_pct: 20, mob_signal_level: 3 }, '2023-04-15T09:00:00+07:00'],
  [SUNGAI_UDANG, { people_digital_literacy_pct: 12.5 }, '2023-03-27T09:00:00+07:00'],
  [LEMPUR_TENGAH, { env_early_warning: false }, '2023-03-27T09:00:00+07:00'],
  [WONOREJO, { mob_signal_level: 1 }, '2023-03-27T09:00:00+07:00'],
  [TAMBAKREJA, { mob_household_internet_pct: 90 }, '2023-03-27T09:00:00+07:00'],
];

const WONOREJO_DCI = 100 / 3;
/** National March means, over the six reporting villages. */
export const NATIONAL_MARCH = {
  dci: (80 + 60 + 50 + 0 + WONOREJO_DCI + 90) / 6,
  people: (100 + 50) / 2,
  government: (60 + 20) / 2,
  environment: 0,
  mobility: (100 + WONOREJO_DCI + 90) / 3,
};
export const MERANGIN_MARCH_DCI = (80 + 60 + 50) / 3;
export const JAMBI_MARCH_DCI = (80 + 60 + 50 + 0) / 4;
export { WONOREJO_DCI };

/** A valid import row of the fixture's kind (tests add their own loads with it). */
export function submission(
  source_id: string,
  line: number,
  village_code: string,
  period: string,
  indicators: Record<string, IndicatorValue>,
  submitted_at: string,
  notes: string | null = null,
): Submission {
  const report: ValidReport = {
    report_id: `${source_id}-${village_code}-${period}`,
    cadre_id: `KD-${village_code}`,
    village_code,
    period,
    submitted_at: new Date(submitted_at).toISOString(),
    notes,
    indicators,
  };
  return {
    submission_id: `${source_id}:${line}`,
    source: 'import',
    source_id,
    line,
    received_at: '2023-05-01T00:00:00.000Z',
    valid: true,
    report,
    scores: scoreReport(indicators),
  };
}

export async function loadReadFixture(warehouse: Warehouse): Promise<void> {
  const first = [
    ...MARCH_INDICATORS.map(([village, indicators, at], i) =>
      submission(
        'import-1',
        i + 2,
        village,
        MARCH,
        indicators,
        at,
        village === KUNGKAI ? KUNGKAI_NOTES : null,
      ),
    ),
    submission(
      'import-1',
      20,
      KUNGKAI,
      FEBRUARY,
      { gov_online_letters_pct: 30 },
      '2023-02-20T09:00:00+07:00',
    ),
    {
      submission_id: 'import-1:21',
      source: 'import',
      source_id: 'import-1',
      line: 21,
      received_at: '2023-05-01T00:00:00.000Z',
      valid: false,
      errors: [{ field: 'gov_online_letters_pct', value: 140, message: 'above the maximum 100' }],
      payload: { village_code: KUNGKAI, period: FEBRUARY, report_id: 'bad-1' },
    } satisfies Submission,
  ];
  const correction = [
    submission(
      'import-2',
      2,
      KUNGKAI,
      FEBRUARY,
      { gov_online_letters_pct: 40 },
      '2023-02-27T09:00:00+07:00',
    ),
  ];
  await warehouse.write(async (tx) => {
    await applySubmissions(tx, first, new Date('2023-05-01T00:00:00Z'));
    await applySubmissions(tx, correction, new Date('2023-05-02T00:00:00Z'));
    await refreshAreaScores(tx.connection);
    await upsertCadres(tx.connection, [
      { cadre_id: 'KD-1', name: 'Siti', village_code: KUNGKAI, region: 'JKT', active: true },
      { cadre_id: 'KD-2', name: 'Budi', village_code: SUNGAI_KAPAS, region: 'JKT', active: true },
      { cadre_id: 'KD-3', name: 'Rina', village_code: PAUH_MENANG, region: 'JKT', active: true },
      { cadre_id: 'KD-4', name: 'Agus', village_code: SUNGAI_UDANG, region: 'JKT', active: false },
    ]);
  });
}

/** Issues a token straight through the warehouse, for tests of what each role may do. */
export async function tokenFor(warehouse: Warehouse, role: Role, scope?: string): Promise<string> {
  const { token } = await issueApiToken(
    warehouse,
    { name: `test ${role} ${scope ?? ''}`.trim(), role, scope },
    { token_id: 'test', name: 'test', role: 'admin' },
    new Date('2024-01-01T00:00:00Z'),
  );
  return token;
}

export function bearer(token: string): { headers: { authorization: string } } {
  return { headers: { authorization: `Bearer ${token}` } };
}

export interface JsonResponse {
  status: number;
  // Tests read whatever shape came back; the assertions check it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** GET `/api/v1${path}` and parse the JSON body. */
export async function getJson(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  path: string,
  init?: RequestInit,
): Promise<JsonResponse> {
  const res = await app.request(`/api/v1${path}`, init);
  return { status: res.status, body: await bodyOf(res) };
}

/** The JSON body of a response, for assertions. */
export async function bodyOf(res: Response): Promise<JsonResponse['body']> {
  return res.json();
}
