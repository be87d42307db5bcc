// What a hostile or careless cadre sends: each bad report is rejected on its own with a reason that
// names the field, and never holds up the reports sent with it.
import { addMonths, periodOfInstant } from '@pantau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

const KUNGKAI = '15.02.02.2004';
const SUNGAI_KAPAS = '15.02.02.2024';
const SUNGAI_UDANG = '15.02.06.2026';
const BUNGO_ANTOI = '15.02.08.2002';
const MENTAWAK = '15.02.11.2006';

const DAY_MS = 24 * 60 * 60 * 1000;

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p.stop();
});

interface Outcome {
  outcome: string;
  reason: string | null;
  errors: { field: string; message: string }[] | null;
}

/** Posts a raw JSON body and waits for the outcome of each of its submissions. */
async function submit(body: string): Promise<Outcome[]> {
  const res = await p.call('POST', '/api/v1/reports', body, {
    'content-type': 'application/json',
  });
  expect(res.status).toBe(202);
  const { submissions } = (await res.json()) as { submissions: { submission_id: string }[] };
  return Promise.all(
    submissions.map(({ submission_id }) =>
      p.waitUntil(async () => {
        const r = await p.call('GET', `/api/v1/submissions/${encodeURIComponent(submission_id)}`);
        return r.status === 200 ? ((await r.json()) as Outcome) : null;
      }, `submission ${submission_id}`),
    ),
  );
}

/** A valid report of `village`, submitted late in its period unless `extra` says otherwise. */
function report(village: string, reportId: string, extra: Record<string, unknown> = {}) {
  const period = typeof extra.period === 'string' ? extra.period : '2024-03';
  return {
    report_id: reportId,
    village_code: village,
    period,
    submitted_at: `${period}-25T09:00:00+07:00`,
    indicators: { gov_online_letters_pct: 50 },
    ...extra,
  };
}

async function failedLoadJobs(): Promise<number> {
  return p.deps.queues.load.getFailedCount();
}

describe('one bad report among others', () => {
  it('stores the others when one has a lone surrogate in its period', async () => {
    const reports = [
      JSON.stringify(report(KUNGKAI, 'poison-a')),
      JSON.stringify(report(SUNGAI_KAPAS, 'poison-b')),
      // Valid JSON that is not valid Unicode: a lone high surrogate.
      JSON.stringify(report(SUNGAI_UDANG, 'poison-c')).replace('"2024-03"', '"\\ud800"'),
      JSON.stringify(report(BUNGO_ANTOI, 'poison-d')),
      JSON.stringify(report(MENTAWAK, 'poison-e')),
    ];
    const outcomes = await submit(`[${reports.join(',')}]`);
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'imported',
      'imported',
      'rejected',
      'imported',
      'imported',
    ]);
    expect(outcomes[2]?.errors).toEqual([
      expect.objectContaining({ field: 'period', message: expect.stringMatching(/Unicode/) }),
    ]);
    expect(await failedLoadJobs()).toBe(0);
  });

  it('rejects a NUL or a lone surrogate in notes, report_id or cadre_id, naming the field', async () => {
    const outcomes = await submit(
      JSON.stringify([
        report(KUNGKAI, 'nul-1', { period: '2024-04', notes: 'a\u0000b' }),
        report(KUNGKAI, 'sur-\udc00', { period: '2024-05' }),
        report(KUNGKAI, 'sur-2', { period: '2024-06', cadre_id: 'KD-\ud83d' }),
        report(KUNGKAI, 'fine-\u{1F600}', { period: '2024-07', notes: 'ok 😀' }),
      ]),
    );
    expect(outcomes.map((o) => [o.outcome, o.errors?.map((e) => e.field) ?? null])).toEqual([
      ['rejected', ['notes']],
      ['rejected', ['report_id']],
      ['rejected', ['cadre_id']],
      ['imported', null],
    ]);
  });
});

describe('reports from the future', () => {
  it('rejects a submitted_at more than 10 minutes after receipt, and a period after the current month', async () => {
    const now = Date.now();
    const current = periodOfInstant(now);
    const inTwoDays = new Date(now + 2 * DAY_MS).toISOString();
    const inFiveMinutes = new Date(now + 5 * 60_000).toISOString();
    const twoMonthsAhead = addMonths(current, 2);
    const outcomes = await submit(
      JSON.stringify([
        report(KUNGKAI, 'future-1', { period: current, submitted_at: inTwoDays }),
        report(SUNGAI_KAPAS, 'future-2', {
          period: twoMonthsAhead,
          submitted_at: `${twoMonthsAhead}-05T09:00:00+07:00`,
        }),
        // A clock a few minutes fast is tolerated.
        report(SUNGAI_UDANG, 'future-3', { period: current, submitted_at: inFiveMinutes }),
      ]),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['rejected', 'rejected', 'imported']);
    expect(outcomes[0]?.errors).toEqual([
      expect.objectContaining({
        field: 'submitted_at',
        message: expect.stringMatching(/after the report was received/),
      }),
    ]);
    expect(outcomes[1]?.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'period',
          message: expect.stringMatching(/after the current month/),
        }),
      ]),
    );
  });
});

describe('report ids belong to their village', () => {
  it("does not let another village's report_id block a village's own report", async () => {
    const [first] = await submit(
      JSON.stringify(report(KUNGKAI, 'RPT-2024-08', { period: '2024-08' })),
    );
    expect(first?.outcome).toBe('imported');
    const [squatted, repeated] = await submit(
      JSON.stringify([
        report(SUNGAI_KAPAS, 'RPT-2024-08', { period: '2024-08' }),
        // The same village using its own id again for another month is a repeat.
        report(KUNGKAI, 'RPT-2024-08', { period: '2024-09' }),
      ]),
    );
    expect(squatted?.outcome).toBe('imported');
    expect(repeated).toMatchObject({ outcome: 'ignored', reason: 'report_id already stored' });
  });
});

describe('hostile files', () => {
  it('rejects a CSV row with bytes that are not UTF-8 and imports the rest', async () => {
    const head = Buffer.from(
      'report_id,village_code,period,submitted_at,notes,gov_online_letters_pct\n' +
        `u-1,${KUNGKAI},2024-10,2024-10-20T09:00:00,fine,10\n` +
        `u-2,${SUNGAI_KAPAS},2024-10,2024-10-20T09:00:00,bad `,
    );
    const tail = Buffer.from(`,20\nu-3,${SUNGAI_UDANG},2024-10,2024-10-20T09:00:00,fine,30\n`);
    const body = Buffer.concat([head, Buffer.from([0xff, 0xfe]), tail]);
    const summary = await p.importFile(body as unknown as string, 'text/csv');
    expect(summary).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    expect(summary.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'notes',
        message: expect.stringMatching(/invalid UTF-8/),
      }),
    ]);
  });

  it('rejects a record over 1 MiB with a clear reason and goes on', async () => {
    const huge = 'x'.repeat(1_100_000);
    const ndjson = [
      JSON.stringify(report(KUNGKAI, 'big-1', { period: '2024-11' })),
      JSON.stringify(report(SUNGAI_KAPAS, 'big-2', { period: '2024-11', notes: huge })),
      JSON.stringify(report(SUNGAI_UDANG, 'big-3', { period: '2024-11' })),
    ].join('\n');
    const summary = await p.importFile(ndjson, 'application/x-ndjson');
    expect(summary).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    expect(summary.errors).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'line',
        message: expect.stringMatching(/longer than 1 MiB/),
      }),
    ]);
  });
});

describe('a flood from one source of reports', () => {
  it('shares transactions instead of queueing one per report for the same village and month', async () => {
    const FLOOD = 300;
    const posted = await Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        p.call(
          'POST',
          '/api/v1/reports',
          JSON.stringify(
            report(KUNGKAI, `flood-${i}`, {
              period: '2024-12',
              submitted_at: new Date(Date.UTC(2024, 11, 20, 0, 0, i)).toISOString(),
            }),
          ),
          { 'content-type': 'application/json' },
        ),
      ),
    );
    expect(posted.every((r) => r.status === 202)).toBe(true);
    await p.waitUntil(async () => {
      const row = await p.warehouse.db
        .selectFrom('submissions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('report_id', 'like', 'flood-%')
        .executeTakeFirstOrThrow();
      return row.n === FLOOD;
    }, 'the flood');
    // Each transaction stamps its submissions with its own loaded_at. Before, a transaction
    // took one source per (village, period): one commit per report.
    const { commits } = await p.warehouse.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.count<number>('loaded_at').distinct().as('commits'))
      .where('report_id', 'like', 'flood-%')
      .executeTakeFirstOrThrow();
    expect(commits).toBeLessThan(FLOOD / 5);
    const stored = await p.warehouse.db
      .selectFrom('reports')
      .select('report_id')
      .where('village_code', '=', KUNGKAI)
      .where('period', '=', '2024-12')
      .execute();
    expect(stored).toEqual([{ report_id: `flood-${FLOOD - 1}` }]);
  });
});
