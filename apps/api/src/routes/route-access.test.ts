// Every route × every kind of caller: the status each gets, the 401 challenge, and what of the
// records each may see (auth/visibility.ts decides; this table is its contract).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KUNGKAI,
  KUNGKAI_NOTES,
  LEMPUR_TENGAH,
  loadReadFixture,
  tokenFor,
} from '../testing/read-fixture';
import { loadQualityFixture } from '../testing/quality-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

/** The callers: no token (reads closed), no token under PUBLIC_READ, then one token per role. */
const WHO = [
  'nobody',
  'public',
  'cadre',
  'analyst',
  'lead',
  'lead outside',
  'engineer',
  'admin',
] as const;
type Who = (typeof WHO)[number];

interface Call {
  /** The route as the OpenAPI document names it. */
  route: string;
  path: string;
  body?: { type: string; text: string };
  /** Statuses in WHO order. */
  expect: readonly number[];
}

const report = JSON.stringify({
  report_id: 'access-1',
  village_code: KUNGKAI,
  period: '2023-04',
  submitted_at: '2023-04-27T09:00:00+07:00',
  indicators: { mob_signal_level: 3 },
});
const roster = JSON.stringify([
  { cadre_id: 'KD-9', name: 'Ani', village_code: LEMPUR_TENGAH, region: 'JKT', active: true },
]);
const json = (text: string) => ({ type: 'application/json', text });

/** Reads inside kabupaten Merangin (15.02): the lead's scope is 15.02, the one outside 33. */
const READ = [401, 200, 403, 200, 200, 403, 200, 200];
const PIPELINE = [401, 401, 403, 403, 403, 403, 200, 200];
const ADMIN = [401, 401, 403, 403, 403, 403, 403, 200];
const OPEN = [200, 200, 200, 200, 200, 200, 200, 200];

// prettier-ignore
const CALLS: Call[] = [
  { route: 'GET /health', path: '/health', expect: OPEN },
  // Queue depths and throughput, as the pipeline console shows them: engineers' scrapers.
  { route: 'GET /metrics', path: '/metrics', expect: PIPELINE },
  { route: 'GET /openapi.json', path: '/openapi.json', expect: OPEN },
  { route: 'GET /docs', path: '/docs', expect: OPEN },
  { route: 'GET /areas', path: '/areas?level=district&parent=15.02', expect: READ },
  { route: 'GET /areas/{code}', path: '/areas/15.02.02', expect: READ },
  { route: 'GET /scores', path: '/scores?level=district&parent=15.02', expect: READ },
  { route: 'GET /timeseries', path: '/timeseries?area=15.02', expect: READ },
  { route: 'GET /rankings', path: '/rankings?level=district&parent=15.02', expect: READ },
  { route: 'GET /compare', path: '/compare?areas=15.02.02,15.02.06', expect: READ },
  { route: 'GET /distribution', path: '/distribution?level=village&parent=15.02', expect: READ },
  { route: 'GET /completeness', path: '/completeness?level=village&parent=15.02.06', expect: READ },
  { route: 'GET /villages/{code}/reports', path: `/villages/${KUNGKAI}/reports`, expect: READ },
  { route: 'GET /summary', path: '/summary?parent=15.02', expect: READ },
  { route: 'GET /export', path: '/export?level=district&parent=15.02', expect: READ },
  { route: 'GET /revisions', path: '/revisions?parent=15.02', expect: READ },
  { route: 'GET /quality/flags', path: '/quality/flags?parent=15.02', expect: READ },
  { route: 'GET /quality/summary', path: '/quality/summary?level=district&parent=15.02', expect: READ },
  { route: 'GET /quality/indicators', path: '/quality/indicators?level=district&parent=15.02', expect: READ },
  // Follow-up: analysts, and leads inside their scope (flag 1 lies in Merangin).
  { route: 'PATCH /quality/flags/{id}', path: '/quality/flags/1', body: json('{"status":"confirmed"}'), expect: [401, 401, 403, 200, 200, 403, 403, 403] },
  // The list names no area: a lead anywhere may read it (it lists its scope's editions only).
  { route: 'GET /bulletins', path: '/bulletins', expect: [401, 200, 403, 200, 200, 200, 200, 200] },
  { route: 'GET /bulletins/{code}', path: '/bulletins/15.02?period=2023-03', expect: READ },
  { route: 'GET /bulletins/{code}/data', path: '/bulletins/15.02/data?period=2023-03', expect: READ },
  // No edition is stored in a test app: 404 for each caller allowed to ask.
  { route: 'GET /bulletins/{code}/editions/{period}', path: '/bulletins/15.02/editions/2023-03', expect: [401, 404, 403, 404, 404, 403, 404, 404] },
  // Raw reports carry cadre ids, notes and lineage: not for anonymous readers.
  { route: 'GET /export', path: '/export?raw=true&parent=15.02', expect: [401, 403, 403, 200, 200, 403, 200, 200] },
  // The stream names no area: a lead anywhere may open it (its events are filtered).
  { route: 'GET /live', path: '/live', expect: [401, 200, 403, 200, 200, 200, 200, 200] },
  { route: 'POST /tokens', path: '/tokens', body: json('{"name":"x","role":"analyst"}'), expect: [401, 401, 403, 403, 403, 403, 403, 201] },
  { route: 'GET /tokens', path: '/tokens', expect: ADMIN },
  { route: 'DELETE /tokens/{id}', path: '/tokens/no-such-token', expect: [401, 401, 403, 403, 403, 403, 403, 404] },
  { route: 'GET /audit', path: '/audit', expect: ADMIN },
  // A cadre submits for its own village; readers never submit.
  { route: 'POST /reports', path: '/reports', body: json(report), expect: [401, 401, 202, 403, 403, 403, 202, 202] },
  // Kungkai's own submissions, valid and rejected; then Sungai Kapas's, which the Kungkai
  // cadre may not see (as if it did not exist).
  { route: 'GET /submissions/{submission_id}', path: '/submissions/import-1:2', expect: [401, 401, 200, 403, 403, 403, 200, 200] },
  { route: 'GET /submissions/{submission_id}', path: '/submissions/import-1:21', expect: [401, 401, 200, 403, 403, 403, 200, 200] },
  { route: 'GET /submissions/{submission_id}', path: '/submissions/import-1:3', expect: [401, 401, 404, 403, 403, 403, 200, 200] },
  { route: 'POST /imports', path: '/imports', body: { type: 'text/csv', text: 'report_id,village_code,period,submitted_at,mob_signal_level\n' }, expect: [401, 401, 403, 403, 403, 403, 202, 202] },
  { route: 'GET /imports', path: '/imports', expect: PIPELINE },
  { route: 'GET /imports/{import_id}', path: '/imports/no-such-import', expect: [401, 401, 403, 403, 403, 403, 404, 404] },
  { route: 'POST /cadres', path: '/cadres', body: json(roster), expect: PIPELINE },
  { route: 'GET /pipeline/queues', path: '/pipeline/queues', expect: PIPELINE },
  { route: 'GET /pipeline/throughput', path: '/pipeline/throughput', expect: PIPELINE },
  { route: 'GET /pipeline/rejections', path: '/pipeline/rejections', expect: PIPELINE },
  { route: 'GET /pipeline/failed', path: '/pipeline/failed', expect: PIPELINE },
  { route: 'POST /pipeline/failed/retry', path: '/pipeline/failed/retry', body: json('{}'), expect: PIPELINE },
];

let closed: TestApp;
let open: TestApp;
const tokens = {} as Record<Exclude<Who, 'nobody' | 'public'>, string>;

beforeAll(async () => {
  [closed, open] = await Promise.all([createTestApp(), createTestApp({ publicRead: true })]);
  await Promise.all([loadReadFixture(closed.warehouse), loadReadFixture(open.warehouse)]);
  await Promise.all([loadQualityFixture(closed.warehouse), loadQualityFixture(open.warehouse)]);
  tokens.cadre = await tokenFor(closed.warehouse, 'cadre', KUNGKAI);
  tokens.analyst = await tokenFor(closed.warehouse, 'analyst');
  tokens.lead = await tokenFor(closed.warehouse, 'lead', '15.02');
  tokens['lead outside'] = await tokenFor(closed.warehouse, 'lead', '33');
  tokens.engineer = await tokenFor(closed.warehouse, 'engineer');
  tokens.admin = await tokenFor(closed.warehouse, 'admin');
});

afterAll(async () => {
  await Promise.all([closed.close(), open.close()]);
});

/** One call as `who`; a streamed body is read only as far as needed, then cancelled. */
async function call(who: Who, path: string, method = 'GET', body?: Call['body']) {
  const app = who === 'public' ? open : closed;
  const headers: Record<string, string> = {};
  if (who !== 'nobody' && who !== 'public') headers.authorization = `Bearer ${tokens[who]}`;
  if (body) headers['content-type'] = body.type;
  const res = await app.app.request(`/api/v1${path}`, { method, headers, body: body?.text });
  const streamed = res.headers.get('content-type') === 'text/event-stream';
  const text = streamed ? (await res.body?.cancel(), '') : await res.text();
  return { status: res.status, headers: res.headers, text };
}

describe.each(CALLS)('$route ($path)', ({ route, path, body, expect: statuses }) => {
  const method = route.split(' ')[0]!;

  it('answers each kind of caller as the table says', async () => {
    const answers: [Who, number][] = [];
    for (const who of WHO) answers.push([who, (await call(who, path, method, body)).status]);
    expect(answers).toEqual(WHO.map((who, i) => [who, statuses[i]]));
  });

  it('challenges a caller without a valid token with WWW-Authenticate: Bearer', async () => {
    const denied = await call('nobody', path, method, body);
    if (denied.status !== 401) return;
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="pantau"');
    expect(JSON.parse(denied.text)).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
    const headers = { authorization: 'Bearer pantau_not-a-token' };
    const res = await closed.app.request(`/api/v1${path}`, { method, headers });
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="pantau", error="invalid_token"',
    );
  });
});

describe('the table', () => {
  it('covers every route of the API', async () => {
    const doc = JSON.parse((await call('nobody', '/openapi.json')).text) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(CALLS.map((c) => c.route));
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
  });
});

/**
 * Personal data in the read fixture: cadres' names (Siti of Kungkai, Rina of Pauh Menang) and
 * ids, Kungkai's notes, and submission ids (`import-1:2`; rejected `import-1:21` carries 140).
 */
const PERSONAL = ['Siti', 'Rina', 'KD-', KUNGKAI_NOTES, 'import-1:', 'import-2:'];

/** The reads that carry personal data to those who may see it. */
const PERSONAL_READS = [
  `/villages/${KUNGKAI}/reports`,
  '/completeness?level=village&parent=15.02.06',
  '/export?raw=true&parent=15.02&period=2023-03',
];

describe('what each caller sees of a record', () => {
  it('never shows an anonymous reader a cadre, a note, a submission id or a rejected value', async () => {
    const reads = CALLS.filter(({ expect: s }) => s[0] === 401 && s[1] === 200);
    for (const { path } of reads) {
      const { text } = await call('public', path);
      for (const marker of PERSONAL) expect(text, `${path} shows ${marker}`).not.toContain(marker);
    }
  });

  it("shows an anonymous reader a village's indicator values and scores, without their lineage", async () => {
    const { text } = await call('public', `/villages/${KUNGKAI}/reports`);
    const body = JSON.parse(text);
    expect(body.cadre).toBeNull();
    expect(body.submissions).toBeNull();
    expect(body.reports[0]).toMatchObject({
      period: '2023-03',
      dci: 80,
      indicators: { gov_online_letters_pct: 60, people_rkdd_active: true },
      cadre_id: null,
      notes: null,
      submission_id: null,
    });
    expect(body.replaced[0]).toMatchObject({ dci: 30, submission_id: null, replaced_by: null });
    const missing = JSON.parse((await call('public', PERSONAL_READS[1]!)).text).missing;
    expect(missing.villages[0]).toMatchObject({ name: 'Pauh Menang', cadre_name: null });
  });

  it.each(['analyst', 'lead', 'engineer', 'admin'] as const)(
    'shows the %s token the cadres, notes and lineage in scope',
    async (who) => {
      const seen = (await Promise.all(PERSONAL_READS.map((path) => call(who, path))))
        .map(({ text }) => text)
        .join('\n');
      for (const marker of PERSONAL) expect(seen, marker).toContain(marker);
      const village = JSON.parse((await call(who, PERSONAL_READS[0]!)).text);
      const rejected = village.submissions.find(
        (s: { outcome: string }) => s.outcome === 'rejected',
      );
      expect(rejected.errors[0].value).toBe(140);
    },
  );
});
