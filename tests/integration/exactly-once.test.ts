// Exactly once, whatever arrives: a report the warehouse refuses, in every position of a load
// job, costs only itself; a chunk delivered twice is counted once.
import { LOAD_JOB, type BatchJob } from '@pantau/ingest';
import { validRow, type SubmissionBatch } from '@pantau/warehouse';
import { scoreReport } from '@pantau/domain';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './support/pipeline-harness';

const villages = [...readVillageCodes()];
const ROWS_PER_JOB = 8;

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p.stop();
});

/** Waits until neither queue has a job waiting, delayed or in progress. */
async function queuesIdle(): Promise<void> {
  await p.waitUntil(async () => {
    const counts = await Promise.all(
      [p.deps.queues.validate, p.deps.queues.load].map((q) =>
        q.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized'),
      ),
    );
    return counts.every((n) => n === 0);
  }, 'idle queues');
}

/** A batch of valid packed rows, the one at `poison` carrying text where a score belongs. */
function batchWithPoison(sourceId: string, first: number, poison: number): SubmissionBatch {
  const valid = Array.from({ length: ROWS_PER_JOB }, (_, i) => {
    const indicators = { gov_online_letters_pct: 40 };
    const row = validRow(
      i + 1,
      {
        report_id: `${sourceId}-${i}`,
        cadre_id: null,
        village_code: villages[first + i]!,
        period: '2024-02',
        submitted_at: '2024-02-20T02:00:00.000Z',
        notes: null,
        indicators,
      },
      scoreReport(indicators),
    );
    // What no validate worker sends, but a bug or a hostile producer could: the warehouse
    // refuses it (the Appender takes no text for a DOUBLE).
    if (i === poison) row[10] = 'poison' as unknown as number;
    return row;
  });
  return {
    source: 'queue',
    source_id: sourceId,
    received_at: new Date().toISOString(),
    valid,
    rejected: [],
  };
}

describe('a report the warehouse refuses', () => {
  it('is recorded as rejected in any position, and the rest of its job is stored', async () => {
    for (let poison = 0; poison < ROWS_PER_JOB; poison++) {
      await p.deps.queues.load.add(LOAD_JOB, {
        batches: [batchWithPoison(`poison-${poison}`, poison * ROWS_PER_JOB, poison)],
      });
    }
    await queuesIdle();
    const outcomes = await p.warehouse.db
      .selectFrom('submissions')
      .select(['source_id', 'line', 'outcome', 'errors'])
      .where('source_id', 'like', 'poison-%')
      .orderBy('source_id')
      .orderBy('line')
      .execute();
    expect(outcomes).toHaveLength(ROWS_PER_JOB * ROWS_PER_JOB);
    for (const row of outcomes) {
      const poison = Number(row.source_id.slice('poison-'.length));
      expect({ ...row, errors: undefined }).toEqual({
        source_id: row.source_id,
        line: row.line,
        outcome: row.line === poison + 1 ? 'rejected' : 'imported',
        errors: undefined,
      });
      if (row.outcome === 'rejected')
        expect(row.errors).toMatch(/"message":"could not be stored: /);
    }
    expect(await p.deps.queues.load.getFailedCount()).toBe(0);
  });
});

describe('a chunk delivered twice', () => {
  it('counts each of its submissions once, in the store and in the import summary', async () => {
    const file =
      'report_id,village_code,period,submitted_at,gov_online_letters_pct\n' +
      villages
        .slice(100, 105)
        .map((v, i) => `twice-${i},${v},2024-03,2024-03-20T09:00:00,${10 * i}`)
        .join('\n');
    const summary = await p.importFile(file, 'text/csv');
    expect(summary).toMatchObject({ status: 'completed', rows: 5, imported: 5 });

    // The same chunk again under another job id (a lost completion), twice in one load job, and
    // as a second load job of the same batches.
    const chunk: BatchJob = {
      source: 'import',
      source_id: summary.import_id,
      received_at: (
        await p.warehouse.db
          .selectFrom('submissions')
          .select('received_at')
          .where('source_id', '=', summary.import_id)
          .executeTakeFirstOrThrow()
      ).received_at.toISOString(),
      chunk: 0,
      header: file.split('\n')[0]!.split(','),
      records: file
        .split('\n')
        .slice(1)
        .map((csv, i) => ({ line: i + 2, csv })),
    };
    await p.deps.queues.validate.add('batch', chunk, { jobId: `${summary.import_id}.0.again` });
    await queuesIdle();
    const again = (await p
      .call('GET', `/api/v1/imports/${summary.import_id}`)
      .then((r) => r.json())) as Record<string, unknown>;
    expect(again).toMatchObject({ status: 'completed', rows: 5, processed: 5, imported: 5 });
    const [counts] = await p.warehouse.db
      .selectFrom('submissions')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('submission_id').distinct().as('distinct'),
      ])
      .where('source_id', '=', summary.import_id)
      .execute();
    expect(counts).toEqual({ n: 5, distinct: 5 });
  });

  it('stores a load job whose batches repeat, and its copy, once', async () => {
    const batch = batchWithPoison('repeat', 200, -1);
    await p.deps.queues.load.add(LOAD_JOB, { batches: [batch, batch] });
    await p.deps.queues.load.add(LOAD_JOB, { batches: [batch] });
    await queuesIdle();
    const rows = await p.warehouse.db
      .selectFrom('submissions')
      .select(['submission_id', 'outcome'])
      .where('source_id', '=', 'repeat')
      .execute();
    expect(rows).toHaveLength(ROWS_PER_JOB);
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['imported']));
  });
});
