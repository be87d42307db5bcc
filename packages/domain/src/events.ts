// Events the loader publishes after each committed batch; the API streams them to dashboards.
// A live load leaves the aggregates above its reports to a refresh right after it, announced as
// an event of its own: no submissions (counts zero, no sources), the (period, kecamatan) scopes
// it refreshed as `periods` and `districts`, and the quality flags it raised.
import { z } from 'zod';

export const REPORTS_LOADED = 'reports.loaded';

export const outcomeCountsSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  ignored: z.number().int(),
  rejected: z.number().int(),
});

export type OutcomeCounts = z.infer<typeof outcomeCountsSchema>;

/** Quality flags (DESIGN.md "Data quality flags"), in all and by method. */
export const flagCountsSchema = z.object({
  total: z.number().int(),
  history: z.number().int(),
  peer: z.number().int(),
  stuck: z.number().int(),
});

export type FlagCounts = z.infer<typeof flagCountsSchema>;

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
  /**
   * Quality flags this batch raised that did not exist before it (no flag of the same village,
   * period, indicator and method): a flag the batch found again, with its follow-up, is not new.
   * Flags may lie in later periods than `periods` (a correction moves the `history` baseline
   * of the 12 periods after it). An API older than the field sends events without it:
   * clients read a missing one as no new flags.
   */
  new_flags: flagCountsSchema,
  /**
   * `new_flags` by kecamatan of the flagged village: what a regional lead's stream sums, as
   * `district_counts` is for `counts`. Kecamatan without new flags are left out.
   */
  district_flags: z.record(z.string(), flagCountsSchema),
});

export type ReportsLoadedEvent = z.infer<typeof reportsLoadedEventSchema>;

/**
 * What /live sends: the event without its per-kecamatan counts and flags, which only decide
 * what a lead sees (a lead's `counts` and `new_flags` are the sums over its kecamatan).
 */
export const liveEventSchema = reportsLoadedEventSchema.omit({
  district_counts: true,
  district_flags: true,
});

export type LiveEvent = z.infer<typeof liveEventSchema>;
