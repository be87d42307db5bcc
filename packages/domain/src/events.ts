// Events the loader publishes after each committed batch; the API streams them to dashboards.
import { z } from 'zod';

export const REPORTS_LOADED = 'reports.loaded';

export const reportsLoadedEventSchema = z.object({
  type: z.literal(REPORTS_LOADED),
  /** Unique per committed batch. */
  batch_id: z.string(),
  committed_at: z.string(),
  counts: z.object({
    imported: z.number().int(),
    updated: z.number().int(),
    ignored: z.number().int(),
    rejected: z.number().int(),
  }),
  /** Periods and kecamatan (district codes) whose reports changed; ancestors share the prefix. */
  periods: z.array(z.string()),
  districts: z.array(z.string()),
  /** Imports, API requests or queue jobs the batch's submissions came from. */
  sources: z.array(z.object({ source: z.enum(['api', 'import', 'queue']), source_id: z.string() })),
  /** Time from a submission's received_at to the commit, over the batch. */
  latency_ms: z.object({ min: z.number(), p50: z.number(), max: z.number() }),
});

export type ReportsLoadedEvent = z.infer<typeof reportsLoadedEventSchema>;
