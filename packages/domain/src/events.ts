// Events the loader publishes after each committed batch; the API streams them to dashboards.
import { z } from 'zod';

export const REPORTS_LOADED = 'reports.loaded';

export const outcomeCountsSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  ignored: z.number().int(),
  rejected: z.number().int(),
});

export type OutcomeCounts = z.infer<typeof outcomeCountsSchema>;

export const reportsLoadedEventSchema = z.object({
  type: z.literal(REPORTS_LOADED),
  /** Unique per committed batch. */
  batch_id: z.string(),
  committed_at: z.string(),
  counts: outcomeCountsSchema,
  /**
   * The batch's own submissions by kecamatan of the village they name (rejected ones too, when
   * they name one): what a regional lead's stream sums. Earlier rows that this batch displaced
   * count only in `counts`.
   */
  district_counts: z.record(z.string(), outcomeCountsSchema),
  /** Periods and kecamatan (district codes) whose reports changed; ancestors share the prefix. */
  periods: z.array(z.string()),
  districts: z.array(z.string()),
  /** Imports, API requests or queue jobs the batch's submissions came from. */
  sources: z.array(z.object({ source: z.enum(['api', 'import', 'queue']), source_id: z.string() })),
  /** Time from a submission's received_at to the commit, over the batch. */
  latency_ms: z.object({ min: z.number(), p50: z.number(), max: z.number() }),
});

export type ReportsLoadedEvent = z.infer<typeof reportsLoadedEventSchema>;

/**
 * What /live sends: the event without its per-kecamatan counts, which only decide what a lead
 * sees (a lead's `counts` are the sum over its kecamatan).
 */
export const liveEventSchema = reportsLoadedEventSchema.omit({ district_counts: true });

export type LiveEvent = z.infer<typeof liveEventSchema>;
