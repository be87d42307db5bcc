import { INDICATORS } from '@pantau/domain';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

const KUNGKAI = '15.02.02.2004';
const SUNGAI_UDANG = '15.02.06.2026';
const BUNGO_ANTOI = '15.02.08.2002';
const MENTAWAK = '15.02.11.2006';

const HEADER = [
  'report_id',
  'cadre_id',
  'village_code',
  'period',
  'submitted_at',
  'notes',
  'gov_online_letters_pct',
  'people_rkdd_active',
  'people_happiness',
];

function csv(rows: string[][]): string {
  return [HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

/** line → [report_id, village, period, submitted_at, letters, rkdd, happiness, notes] */
const MIXED = csv([
  ['k-1', '', KUNGKAI, '2023-03', '2023-03-20T09:00:00', '', '40', 'ya', ''], // 2 superseded by line 4
  ['u-1', '', SUNGAI_UDANG, '2023-03', '2023-03-20T09:00:00', '', '60', '', ''], // 3 imported
  ['k-2', '', KUNGKAI, '2023-03', '2023-03-25T09:00:00', 'koreksi', '80', 'ya', ''], // 4 imported
  ['u-1', '', SUNGAI_UDANG, '2023-03', '2023-03-20T09:00:00', '', '60', '', ''], // 5 repeat of line 3
  ['x-1', '', '15.02.02.9999', '2023-03', '2023-03-20T09:00:00', '', '10', '', ''], // 6 unknown village
  ['x-2', '', KUNGKAI, '2023-01', '2023-03-20T09:00:00', '', '', '', '5'], // 7 unknown indicator
  ['x-3', '', KUNGKAI, '2023-02', '2023-03-20T09:00:00', '', '101', '', ''], // 8 out of range
  ['x-4', '', KUNGKAI, '2023-02', '2023-03-20T09:00:00', '', '', 'maybe', ''], // 9 wrong type
  ['x-5', '', KUNGKAI, '2023-3', '2023-03-20T09:00:00', '', '10', '', ''], // 10 malformed period
  ['x-6', '', KUNGKAI, '2023-02', '05/04/2023', '', '10', '', ''], // 11 malformed timestamp
  ['x-7', '', KUNGKAI, '2023-04', '2023-03-20T09:00:00', '', '10', '', ''], // 12 period after submission
  ['x-8', '', KUNGKAI, '2023-02', '2023-03-20T09:00:00', '', '"12,5"', '', ''], // 13 decimal comma
  ['', '', KUNGKAI, '2023-02', '2023-03-20T09:00:00', '', '10', '', ''], // 14 no report_id
  ['b-2', '', BUNGO_ANTOI, '2023-02', '2023-03-05T09:00:00', '', '90', '', ''], // 15 updates stored b-1
  ['m-2', '', MENTAWAK, '2023-02', '2023-02-20T09:00:00', '', '90', '', ''], // 16 older than stored m-1
]);

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline();
  // Stored before the import: b-1 (older than the import's b-2) and m-1 (newer than m-2).
  const seeded = await p.call(
    'POST',
    '/api/v1/reports',
    JSON.stringify([
      {
        report_id: 'b-1',
        village_code: BUNGO_ANTOI,
        period: '2023-02',
        submitted_at: '2023-03-01T09:00:00+07:00',
        indicators: { gov_online_letters_pct: 20 },
      },
      {
        report_id: 'm-1',
        village_code: MENTAWAK,
        period: '2023-02',
        submitted_at: '2023-03-01T09:00:00+07:00',
        indicators: { gov_online_letters_pct: 30 },
      },
    ]),
    { 'content-type': 'application/json' },
  );
  expect(seeded.status).toBe(202);
  await p.waitUntil(
    async () =>
      (await p.warehouse.db.selectFrom('reports').select('report_id').execute()).length === 2,
    'seed',
  );
});

afterAll(async () => {
  await p.stop();
});

async function storedReports() {
  return p.warehouse.db
    .selectFrom('reports')
    .select(['village_code', 'period', 'report_id', 'dci', 'outcome'])
    .orderBy('village_code')
    .orderBy('period')
    .execute();
}

describe('an import of a mixed CSV', () => {
  it('gives the exact summary, every rejection with its line and reason, and the right rows', async () => {
    const summary = await p.importFile(MIXED, 'text/csv', '?filename=mixed.csv');
    expect(summary).toMatchObject({
      format: 'csv',
      dialect: 'comma',
      status: 'completed',
      rows: 15,
      imported: 2,
      updated: 1,
      ignored: 3,
      rejected: 9,
    });
    expect(summary.errors.map((e) => [e.line, e.field])).toEqual([
      [6, 'village_code'],
      [7, 'people_happiness'],
      [8, 'gov_online_letters_pct'],
      [9, 'people_rkdd_active'],
      [10, 'period'],
      [11, 'submitted_at'],
      [12, 'period'],
      [13, 'gov_online_letters_pct'],
      [14, 'report_id'],
    ]);
    expect(summary.errors.find((e) => e.line === 13)?.message).toBe(
      'decimal comma is not accepted, write 12.5',
    );
    expect(summary.errors.find((e) => e.line === 7)).toMatchObject({
      report_id: 'x-2',
      value: '5',
      message: 'unknown indicator code',
    });
    expect(await storedReports()).toEqual(
      [
        {
          village_code: KUNGKAI,
          period: '2023-03',
          report_id: 'k-2',
          dci: expect.closeTo(90, 9),
          outcome: 'imported',
        },
        {
          village_code: SUNGAI_UDANG,
          period: '2023-03',
          report_id: 'u-1',
          dci: 60,
          outcome: 'imported',
        },
        {
          village_code: BUNGO_ANTOI,
          period: '2023-02',
          report_id: 'b-2',
          dci: 90,
          outcome: 'updated',
        },
        {
          village_code: MENTAWAK,
          period: '2023-02',
          report_id: 'm-1',
          dci: 30,
          outcome: 'imported',
        },
      ].sort(
        (a, b) => a.village_code.localeCompare(b.village_code) || a.period.localeCompare(b.period),
      ),
    );
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await storedReports();
    const again = await p.importFile(MIXED, 'text/csv');
    expect(again).toMatchObject({
      status: 'completed',
      rows: 15,
      imported: 0,
      updated: 0,
      ignored: 6,
      rejected: 9,
    });
    expect(await storedReports()).toEqual(before);
  });

  it('answers a dry run with the summary a real import would give, writing nothing', async () => {
    const before = await storedReports();
    const file = csv([
      ['d-1', '', KUNGKAI, '2023-04', '2023-04-20T09:00:00', '', '10', '', ''], // imported
      ['d-2', '', KUNGKAI, '2023-04', '2023-04-21T09:00:00', '', '20', '', ''], // supersedes d-1
      ['d-3', '', SUNGAI_UDANG, '2023-03', '2023-03-28T09:00:00', '', '70', '', ''], // updates u-1
      ['d-4', '', '99.99.99.9999', '2023-04', '2023-04-20T09:00:00', '', '10', '', ''], // rejected
    ]);
    const summary = await p.importFile(file, 'text/csv', '?dry_run=true');
    expect(summary).toMatchObject({
      status: 'completed',
      rows: 4,
      imported: 1,
      updated: 1,
      ignored: 1,
      rejected: 1,
    });
    expect(summary.errors).toEqual([
      {
        line: 5,
        report_id: 'd-4',
        field: 'village_code',
        value: '99.99.99.9999',
        message: expect.stringMatching(/malformed|unknown/),
      },
    ]);
    expect(await storedReports()).toEqual(before);
    const submissions = await p.warehouse.db
      .selectFrom('submissions')
      .select('submission_id')
      .where('report_id', 'like', 'd-%')
      .execute();
    expect(submissions).toEqual([]);
  });

  it('refuses a CSV without the required columns before reading any row', async () => {
    const res = await p.call('POST', '/api/v1/imports', 'report_id,period\nr,2023-01\n', {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'unreadable_file',
        message: expect.stringContaining('missing required column "village_code"'),
      },
    });
  });

  it('reads NDJSON and reports a line that is not JSON', async () => {
    const ndjson =
      JSON.stringify({
        report_id: 'n-1',
        village_code: KUNGKAI,
        period: '2023-05',
        submitted_at: '2023-05-20T09:00:00Z',
        indicators: { mob_signal_level: 3 },
      }) + '\n\n{"report_id": "n-2",\n';
    const summary = await p.importFile(ndjson, 'application/x-ndjson');
    expect(summary).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect(summary.errors[0]).toMatchObject({
      line: 3,
      field: 'line',
      message: expect.stringMatching(/^is not valid JSON/),
    });
  });
});

describe('single reports', () => {
  it('queues a report and tells its outcome by submission id', async () => {
    const res = await p.call(
      'POST',
      '/api/v1/reports',
      JSON.stringify({
        report_id: 's-1',
        village_code: KUNGKAI,
        period: '2023-06',
        submitted_at: '2023-06-20T09:00:00+07:00',
        indicators: { people_rkdd_active: true },
      }),
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(202);
    const { source_id, submissions } = (await res.json()) as {
      source_id: string;
      submissions: { submission_id: string }[];
    };
    const outcome = await p.waitUntil(async () => {
      const r = await p.call(
        'GET',
        `/api/v1/submissions/${encodeURIComponent(submissions[0]!.submission_id)}`,
      );
      return r.status === 200 ? ((await r.json()) as { outcome: string }) : null;
    }, 'submission');
    expect(outcome).toMatchObject({ outcome: 'imported', report_id: 's-1', village_code: KUNGKAI });
    // The API validated it and handed it to the load queue itself: no validate job was made.
    expect(await p.deps.queues.validate.getJob(`${source_id}.0`)).toBeUndefined();
  });

  it('records an invalid report as rejected with every reason', async () => {
    const res = await p.call(
      'POST',
      '/api/v1/reports',
      JSON.stringify({
        report_id: 's-2',
        village_code: KUNGKAI,
        period: '2023-13',
        submitted_at: 'yesterday',
        indicators: { gov_website_status: 5 },
      }),
      { 'content-type': 'application/json' },
    );
    const { submissions } = (await res.json()) as { submissions: { submission_id: string }[] };
    const outcome = await p.waitUntil(async () => {
      const r = await p.call(
        'GET',
        `/api/v1/submissions/${encodeURIComponent(submissions[0]!.submission_id)}`,
      );
      return r.status === 200
        ? ((await r.json()) as { outcome: string; errors: { field: string }[] })
        : null;
    }, 'rejection');
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.errors.map((e) => e.field).sort()).toEqual([
      'indicators.gov_website_status',
      'period',
      'submitted_at',
    ]);
  });

  it('refuses malformed JSON, too many reports, and a missing token', async () => {
    const malformed = await p.call('POST', '/api/v1/reports', '{"report_id": ', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_request',
    );
    const many = await p.call(
      'POST',
      '/api/v1/reports',
      JSON.stringify(Array.from({ length: 1001 }, () => ({}))),
      { 'content-type': 'application/json' },
    );
    expect(many.status).toBe(400);
    const notObjects = await p.call('POST', '/api/v1/reports', JSON.stringify([1, 'two']), {
      'content-type': 'application/json',
    });
    expect(notObjects.status).toBe(400);
    const anonymous = await p.app.request('/api/v1/reports', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('the public queue contract', () => {
  it('loads a report a third-party BullMQ producer adds', async () => {
    // What the README shows a third party: queue "reports.validate", job name "report".
    const queue = new Queue('reports.validate', { connection: p.connection, prefix: p.prefix });
    await queue.add('report', {
      report_id: 'tp-1',
      cadre_id: 'KD-15.02.06.2026',
      village_code: SUNGAI_UDANG,
      period: '2023-07',
      submitted_at: '2023-07-27T09:15:00+07:00',
      indicators: { mob_signal_level: 2, mob_household_internet_pct: 40 },
    });
    await queue.close();
    const row = await p.waitUntil(
      () =>
        p.warehouse.db
          .selectFrom('reports')
          .selectAll()
          .where('report_id', '=', 'tp-1')
          .executeTakeFirst(),
      'third-party report',
    );
    expect(row).toMatchObject({
      village_code: SUNGAI_UDANG,
      period: '2023-07',
      mobility: expect.closeTo((200 / 3 + 40) / 2, 9),
    });
    const [submission] = await p.warehouse.db
      .selectFrom('submissions')
      .select(['source', 'outcome'])
      .where('report_id', '=', 'tp-1')
      .execute();
    expect(submission).toEqual({ source: 'queue', outcome: 'imported' });
  });
});

describe('the roster', () => {
  it('upserts cadres from CSV and lists rows it refuses', async () => {
    const roster = `cadre_id,name,village_code,region,active\nKD-1,Siti,${KUNGKAI},JKT,ya\nKD-2,Budi,${SUNGAI_UDANG},JKT,tidak\nKD-3,,99.99.99.9999,,maybe\n`;
    const res = await p.call('POST', '/api/v1/cadres', roster, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      inserted: number;
      rejected: { line: number; errors: { field: string }[] }[];
    };
    expect(body.inserted).toBe(2);
    expect(body.rejected).toEqual([
      { line: 4, errors: expect.arrayContaining([expect.objectContaining({ field: 'name' })]) },
    ]);
    const again = await p.call(
      'POST',
      '/api/v1/cadres',
      JSON.stringify([
        { cadre_id: 'KD-2', name: 'Budi', village_code: SUNGAI_UDANG, active: true },
      ]),
      { 'content-type': 'application/json' },
    );
    expect(await again.json()).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
  });
});

it('keeps the catalogue columns in sync with the report table', async () => {
  const columns = await p.warehouse.db.introspection.getTables();
  const reports = columns.find((t) => t.name === 'reports');
  for (const indicator of INDICATORS)
    expect(reports?.columns.map((c) => c.name)).toContain(indicator.code);
});
