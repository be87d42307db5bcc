// Jobs of the `reports.validate` queue: one report from a third party, or a batch of records.
import { CSV_DIALECTS } from '@pantau/domain';
import { z } from 'zod';

/** Job name of the public contract: data is one report in its JSON form. */
export const REPORT_JOB = 'report';
/** Job name used by Pantau itself: a chunk of an import, or the reports of one API request. */
export const BATCH_JOB = 'batch';

export const recordSchema = z.union([
  // A CSV record's raw text, parsed by the worker (cheaper to carry than its cells).
  z.object({ line: z.number().int().positive(), csv: z.string() }),
  // A spreadsheet row as text cells (its sheet row number as the line), read like a CSV row's.
  z.object({ line: z.number().int().positive(), cells: z.array(z.string()) }),
  z.object({ line: z.number().int().positive(), text: z.string() }),
  z.object({ line: z.number().int().positive(), value: z.unknown() }),
  // A record over MAX_RECORD_CHARS: only its length and first characters travel.
  z.object({
    line: z.number().int().positive(),
    oversized: z.object({ length: z.number().int().positive(), head: z.string() }),
  }),
]);

export type SourceRecord = z.infer<typeof recordSchema>;

export const batchJobSchema = z.object({
  source: z.enum(['api', 'import']),
  source_id: z.string().min(1),
  received_at: z.iso.datetime(),
  /** Position of this chunk within its source; makes the job id deterministic. */
  chunk: z.number().int().nonnegative(),
  /** CSV header for records that carry `csv`. */
  header: z.array(z.string()).optional(),
  /** Dialect of records that carry `csv` (default: the contract's comma dialect). */
  dialect: z.enum(Object.keys(CSV_DIALECTS) as [keyof typeof CSV_DIALECTS]).optional(),
  records: z.array(recordSchema).min(1),
});

export type BatchJob = z.infer<typeof batchJobSchema>;

/** Same chunk, same job id: BullMQ drops a re-added duplicate while the first is kept. */
export function batchJobId(sourceId: string, chunk: number): string {
  return `${sourceId}.${chunk}`;
}
