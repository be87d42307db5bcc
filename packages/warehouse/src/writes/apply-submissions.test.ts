import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectedSubmission, validSubmission } from '../testing/submissions.fixture';
import { openWarehouse, type Warehouse } from '../warehouse';
import { applySubmissions } from './apply-submissions';
import type { Submission } from './submission-batch';

const KUNGKAI = '15.02.02.2004';
const SUNGAI_UDANG = '15.02.06.2026';

let warehouse: Warehouse;

// A store of its own per test: the writer keeps the stored keys in memory, so a test starts
// from an empty store rather than deleting rows behind its back.
beforeEach(async () => {
  warehouse = await openWarehouse({ dataDir: null });
});

afterEach(async () => {
  await warehouse.close();
});

function apply(submissions: Submission[]) {
  return warehouse.write((tx) => applySubmissions(tx, submissions));
}

async function storedReports() {
  return warehouse.db
    .selectFrom('reports')
    .select(['village_code', 'period', 'report_id', 'outcome', 'dci', 'on_time'])
    .orderBy('village_code')
    .orderBy('period')
    .execute();
}

async function submissionOutcomes() {
  const rows = await warehouse.db
    .selectFrom('submissions')
    .select(['submission_id', 'outcome'])
    .orderBy('submission_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.submission_id, r.outcome]));
}

const march = (day: number, hour = 9) =>
  `2023-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+07:00`;

describe('applySubmissions', () => {
  it('imports new keys, updates on a later submitted_at and ignores equal or earlier ones', async () => {
    await apply([
      validSubmission({
        source_id: 's1',
        line: 2,
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        source_id: 's1',
        line: 3,
        report_id: 'b',
        village_code: SUNGAI_UDANG,
        period: '2023-03',
        submitted_at: march(20),
      }),
    ]);
    const result = await apply([
      validSubmission({
        source_id: 's2',
        line: 2,
        report_id: 'c',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(25),
        indicators: { gov_online_letters_pct: 80 },
      }),
      validSubmission({
        source_id: 's2',
        line: 3,
        report_id: 'd',
        village_code: SUNGAI_UDANG,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        source_id: 's2',
        line: 4,
        report_id: 'e',
        village_code: SUNGAI_UDANG,
        period: '2023-02',
        submitted_at: march(1),
      }),
    ]);
    expect(result.outcomes).toEqual([
      { submission_id: 's2:2', outcome: 'updated', reason: null },
      { submission_id: 's2:3', outcome: 'ignored', reason: 'not newer than the stored report b' },
      { submission_id: 's2:4', outcome: 'imported', reason: null },
    ]);
    expect(await storedReports()).toEqual([
      {
        village_code: KUNGKAI,
        period: '2023-03',
        report_id: 'c',
        outcome: 'updated',
        dci: 80,
        on_time: true,
      },
      {
        village_code: SUNGAI_UDANG,
        period: '2023-02',
        report_id: 'e',
        outcome: 'imported',
        dci: 50,
        on_time: true,
      },
      {
        village_code: SUNGAI_UDANG,
        period: '2023-03',
        report_id: 'b',
        outcome: 'imported',
        dci: 50,
        on_time: true,
      },
    ]);
    const history = await warehouse.db
      .selectFrom('report_history')
      .select(['report_id', 'replaced_by'])
      .execute();
    expect(history).toEqual([{ report_id: 'a', replaced_by: 's2:2' }]);
  });

  it('moves each replaced report to report_history with every column as it was stored', async () => {
    const first = (village_code: string, period: string, line: number) =>
      validSubmission({
        source_id: 's1',
        line,
        report_id: `${period}-${line}`,
        village_code,
        period,
        submitted_at: `${period}-20T09:00:00+07:00`,
        received_at: '2024-06-01T10:00:00.000Z',
        indicators: {
          gov_online_letters_pct: 40 + line,
          mob_signal_level: 2,
          people_rkdd_active: true,
        },
      });
    await apply([
      first(KUNGKAI, '2023-03', 2),
      first(KUNGKAI, '2023-04', 3),
      first(SUNGAI_UDANG, '2023-03', 4),
    ]);
    const stored = await warehouse.db.selectFrom('reports').selectAll().execute();
    const replacement = (village_code: string, period: string, line: number) =>
      validSubmission({
        source_id: 's2',
        line,
        report_id: `${period}-new`,
        village_code,
        period,
        submitted_at: `${period}-25T09:00:00+07:00`,
      });
    const loadedAt = new Date('2024-07-01T02:03:04.005Z');
    await warehouse.write((tx) =>
      applySubmissions(
        tx,
        [replacement(KUNGKAI, '2023-03', 2), replacement(KUNGKAI, '2023-04', 3)],
        loadedAt,
      ),
    );

    const history = await warehouse.db
      .selectFrom('report_history')
      .selectAll()
      .orderBy('period')
      .execute();
    expect(history.map(({ replaced_at: _at, replaced_by: _by, ...row }) => row)).toEqual(
      stored
        .filter((r) => r.village_code === KUNGKAI)
        .sort((a, b) => a.period.localeCompare(b.period)),
    );
    expect(history.map((h) => [h.replaced_by, new Date(h.replaced_at).toISOString()])).toEqual([
      ['s2:2', loadedAt.toISOString()],
      ['s2:3', loadedAt.toISOString()],
    ]);
    expect(await storedReports()).toMatchObject([
      { village_code: KUNGKAI, period: '2023-03', report_id: '2023-03-new' },
      { village_code: KUNGKAI, period: '2023-04', report_id: '2023-04-new' },
      { village_code: SUNGAI_UDANG, period: '2023-03', report_id: '2023-03-4' },
    ]);
  });

  it('resolves rows of one source to the latest submitted_at, the first line among equals', async () => {
    const result = await apply([
      validSubmission({
        line: 2,
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        line: 3,
        report_id: 'b',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(22),
      }),
      validSubmission({
        line: 4,
        report_id: 'c',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(22),
      }),
      validSubmission({
        line: 5,
        report_id: 'd',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(21),
      }),
    ]);
    expect(result.outcomes.map((o) => [o.submission_id, o.outcome, o.reason])).toEqual([
      ['import-1:2', 'ignored', 'superseded by line 3 of the same source'],
      ['import-1:3', 'imported', null],
      ['import-1:4', 'ignored', 'superseded by line 3 of the same source'],
      ['import-1:5', 'ignored', 'superseded by line 3 of the same source'],
    ]);
    expect((await storedReports()).map((r) => r.report_id)).toEqual(['b']);
  });

  it('gives the same outcomes when one source arrives in several batches, in any order', async () => {
    const rows = [
      validSubmission({
        line: 2,
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        line: 3,
        report_id: 'b',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(22),
      }),
      validSubmission({
        line: 4,
        report_id: 'c',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(22),
      }),
    ];
    // Line 4 first, then line 2, then line 3: line 3 must still win and count as the import.
    await apply([rows[2]!]);
    await apply([rows[0]!]);
    const last = await apply([rows[1]!]);
    expect(last.superseded).toEqual([
      { submission_id: 'import-1:4', source_id: 'import-1', was: 'imported' },
    ]);
    expect(await submissionOutcomes()).toEqual({
      'import-1:2': 'ignored',
      'import-1:3': 'imported',
      'import-1:4': 'ignored',
    });
    expect((await storedReports()).map((r) => [r.report_id, r.outcome])).toEqual([
      ['b', 'imported'],
    ]);
  });

  it('keeps the first of two identical rows of one source, whichever chunk arrives first', async () => {
    const row = (line: number) =>
      validSubmission({
        line,
        report_id: 'same',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      });
    await apply([row(2005)]);
    await apply([row(5)]);
    expect(await submissionOutcomes()).toEqual({
      'import-1:5': 'imported',
      'import-1:2005': 'ignored',
    });
  });

  it('keeps an earlier update when a later row of the same source replaces it', async () => {
    await apply([
      validSubmission({
        source_id: 'old',
        report_id: 'p',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(10),
      }),
    ]);
    await apply([
      validSubmission({
        line: 2,
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
    ]);
    await apply([
      validSubmission({
        line: 3,
        report_id: 'b',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(21),
      }),
    ]);
    expect(await submissionOutcomes()).toEqual({
      'old:2': 'imported',
      'import-1:2': 'ignored',
      'import-1:3': 'updated',
    });
  });

  it('applies rows of different sources for one key in arrival order within a batch', async () => {
    const result = await apply([
      validSubmission({
        source_id: 'api-1',
        line: 1,
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        source_id: 'api-2',
        line: 1,
        report_id: 'b',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(21),
      }),
      validSubmission({
        source_id: 'api-3',
        line: 1,
        report_id: 'c',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(19),
      }),
    ]);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['imported', 'updated', 'ignored']);
    expect((await storedReports()).map((r) => r.report_id)).toEqual(['b']);
  });

  it("ignores a report_id the village already stored or repeats, never another village's", async () => {
    await apply([
      validSubmission({
        source_id: 's1',
        report_id: 'dup',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
    ]);
    const result = await apply([
      validSubmission({
        source_id: 's2',
        line: 2,
        report_id: 'dup',
        village_code: KUNGKAI,
        period: '2023-02',
        submitted_at: march(20),
      }),
      validSubmission({
        source_id: 's2',
        line: 5,
        report_id: 'dup',
        village_code: SUNGAI_UDANG,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        source_id: 's2',
        line: 3,
        report_id: 'twice',
        village_code: SUNGAI_UDANG,
        period: '2023-02',
        submitted_at: march(2),
      }),
      validSubmission({
        source_id: 's2',
        line: 4,
        report_id: 'twice',
        village_code: SUNGAI_UDANG,
        period: '2023-01',
        submitted_at: march(2),
      }),
    ]);
    expect(result.outcomes.map((o) => [o.outcome, o.reason])).toEqual([
      ['ignored', 'report_id already stored'],
      ['imported', null],
      ['imported', null],
      ['ignored', 'report_id repeats line 3'],
    ]);
  });

  it('records rejected submissions with their reasons and the fields it can read', async () => {
    const result = await apply([
      rejectedSubmission('s1', 7, {
        report_id: 'bad',
        village_code: '99.99.99.9999',
        period: '2023-03',
      }),
    ]);
    expect(result.outcomes).toEqual([{ submission_id: 's1:7', outcome: 'rejected', reason: null }]);
    const [row] = await warehouse.db.selectFrom('submissions').selectAll().execute();
    expect(row).toMatchObject({
      report_id: 'bad',
      village_code: '99.99.99.9999',
      line: 7,
      outcome: 'rejected',
    });
    expect(JSON.parse(row!.errors!)).toEqual([
      { field: 'village_code', value: '99.99.99.9999', message: 'unknown village code' },
    ]);
    expect(await storedReports()).toEqual([]);
  });

  it('skips submissions an earlier attempt recorded, so a retried batch changes nothing', async () => {
    const batch = [
      validSubmission({
        line: 2,
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        line: 3,
        report_id: 'b',
        village_code: SUNGAI_UDANG,
        period: '2023-03',
        submitted_at: march(20),
      }),
    ];
    await apply(batch);
    const retry = await apply([
      ...batch,
      validSubmission({
        line: 4,
        report_id: 'c',
        village_code: KUNGKAI,
        period: '2023-02',
        submitted_at: march(1),
      }),
    ]);
    expect(retry.skipped).toBe(2);
    expect(retry.outcomes.map((o) => o.submission_id)).toEqual(['import-1:4']);
    expect(await storedReports()).toHaveLength(3);
    expect(Object.keys(await submissionOutcomes())).toHaveLength(3);
  });

  it('stays on time when a late correction replaces an on-time report', async () => {
    await apply([
      validSubmission({
        source_id: 's1',
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: '2023-04-10T20:00:00+07:00',
      }),
    ]);
    await apply([
      validSubmission({
        source_id: 's2',
        report_id: 'b',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: '2023-04-20T20:00:00+07:00',
      }),
    ]);
    await apply([
      validSubmission({
        source_id: 's3',
        report_id: 'c',
        village_code: KUNGKAI,
        period: '2023-02',
        submitted_at: '2023-03-11T00:00:00+07:00',
      }),
    ]);
    expect((await storedReports()).map((r) => [r.report_id, r.on_time])).toEqual([
      ['c', false],
      ['b', true],
    ]);
  });

  it('marks the touched districts and periods dirty for the aggregates', async () => {
    const result = await apply([
      validSubmission({
        line: 2,
        report_id: 'a',
        village_code: KUNGKAI,
        period: '2023-03',
        submitted_at: march(20),
      }),
      validSubmission({
        line: 3,
        report_id: 'b',
        village_code: SUNGAI_UDANG,
        period: '2023-03',
        submitted_at: march(20),
      }),
    ]);
    expect(result.touched).toEqual([
      { period: '2023-03', district_code: '15.02.02' },
      { period: '2023-03', district_code: '15.02.06' },
    ]);
    const dirty = await warehouse.db
      .selectFrom('dirty_scopes')
      .selectAll()
      .orderBy('district_code')
      .execute();
    expect(dirty).toEqual(result.touched);
  });
});
