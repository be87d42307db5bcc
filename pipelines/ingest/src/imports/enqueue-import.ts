// Streams an import into `reports.validate` as chunk jobs; the body is never held whole.
import type { Queue } from 'bullmq';
import { BATCH_JOB, batchJobId, type BatchJob } from '../validate/validate.job';
import { chunked, type ImportRecords } from './import-records';

/** Rows per validate job: large enough to amortise Redis, small enough to spread over workers. */
export const CHUNK_ROWS = 1_000;
/** Chunks per addBulk round trip. */
const CHUNKS_PER_ADD = 8;

export interface EnqueueImportOptions {
  importId: string;
  receivedAt: Date;
  input: ImportRecords;
  validateQueue: Queue;
  /** Called after each round trip, with the rows queued so far. */
  onProgress?: (rows: number) => void;
}

/** Queues every record of the import; returns how many data rows the file had. */
export async function enqueueImport(options: EnqueueImportOptions): Promise<number> {
  let rows = 0;
  let chunk = 0;
  let pending: { name: string; data: BatchJob; opts: { jobId: string } }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    await options.validateQueue.addBulk(pending);
    pending = [];
    options.onProgress?.(rows);
  };
  for await (const records of chunked(options.input.records, CHUNK_ROWS)) {
    pending.push({
      name: BATCH_JOB,
      data: {
        source: 'import',
        source_id: options.importId,
        received_at: options.receivedAt.toISOString(),
        chunk,
        header: options.input.header,
        dialect: options.input.dialect,
        records,
      },
      opts: { jobId: batchJobId(options.importId, chunk) },
    });
    chunk++;
    rows += records.length;
    if (pending.length >= CHUNKS_PER_ADD) await flush();
  }
  await flush();
  return rows;
}
