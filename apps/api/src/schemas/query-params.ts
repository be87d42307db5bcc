// The query and path parameters the read endpoints share, validated by zod and documented in OpenAPI.
import { z } from '@hono/zod-openapi';
import {
  isPeriod,
  LEVELS,
  levelOfCode,
  monthsBetween,
  PILLAR_CODES,
  type Level,
} from '@pantau/domain';

/** Longest area code: a village, `15.02.02.2004`. */
const AREA_CODE_MAX = 13;
/** Longest period range a series may span: ten years of months. */
export const MAX_SERIES_MONTHS = 120;

export const METRIC_CODES = ['dci', ...PILLAR_CODES] as const;

const AREA_CODE_SHAPES =
  'an area code: region (JKT), province (15), kabupaten (15.02), kecamatan (15.02.02) or village (15.02.02.2004)';

export const areaCode = z
  .string()
  .max(AREA_CODE_MAX, AREA_CODE_SHAPES)
  .refine((code) => levelOfCode(code) !== null, AREA_CODE_SHAPES);

export const levelParam = z.enum(LEVELS).openapi({
  description: 'Administrative level of the rows: region, province, regency, district or village',
  examples: ['regency'],
});

/** Months a request may name: far wider than the programme, narrow enough for month arithmetic. */
export const FIRST_PERIOD = '2000-01';
export const LAST_PERIOD = '2099-12';

export const periodParam = z
  .string()
  .refine(
    (period) => isPeriod(period) && period >= FIRST_PERIOD && period <= LAST_PERIOD,
    `a period YYYY-MM from ${FIRST_PERIOD} to ${LAST_PERIOD}`,
  )
  .openapi({
    description: 'Month YYYY-MM',
    examples: ['2024-06'],
    pattern: '^20\\d{2}-(0[1-9]|1[0-2])$',
  });

export const optionalPeriod = periodParam.optional().openapi({
  description:
    'Month YYYY-MM; omitted means the latest closed month (the month before now, Asia/Jakarta), or the latest month with reports when it has none (stated in the response)',
  examples: ['2024-06'],
});

export const parentParam = areaCode.optional().openapi({
  description: 'Area code whose areas to return; omitted means the whole country',
  examples: ['15'],
});

export const areaParam = areaCode.openapi({
  description: 'Area code (any level)',
  examples: ['15.02'],
});

export const metricParam = z
  .enum(METRIC_CODES)
  .default('dci')
  .openapi({
    description: 'A pillar code or dci (the Desa Cerdas Index)',
    examples: ['dci'],
  });

/** A bounded page size: every list has a default and a maximum. */
export function limitParam(defaultLimit: number, max: number) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(defaultLimit)
    .openapi({ description: `At most this many rows (default ${defaultLimit}, max ${max})` });
}

const LEVEL_ORDER: readonly Level[] = LEVELS;

/** Whether areas of `level` can lie inside `parent` (null: the whole country holds them all). */
export function isBelow(level: Level, parent: string | null | undefined): boolean {
  if (parent === null || parent === undefined) return true;
  const parentLevel = levelOfCode(parent);
  return parentLevel !== null && LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(parentLevel);
}

/**
 * Object-level checks compare parameters with each other, so they run only once every
 * parameter passed its own checks: otherwise they see values those refused (`from=.00` in
 * month arithmetic was a 500). zod runs them by default after any issue that does not abort.
 */
export const ONCE_PARAMS_VALID = {
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
};

/** What a zod refinement needs of its context: a way to name the bad parameter. */
export interface RefinementContext {
  addIssue(issue: { code: 'custom'; path: string[]; message: string }): void;
}

/** Refinement: `level` must lie below `parent`. */
export function checkLevelBelowParent(
  query: { level?: Level; parent?: string },
  ctx: RefinementContext,
): void {
  if (query.level === undefined || isBelow(query.level, query.parent)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['level'],
    message: `${query.level} is not a level below the parent ${query.parent}`,
  });
}

/** Refinement: `from` must not be after `to`, and the span stays bounded. */
export function checkPeriodRange(query: { from?: string; to?: string }, ctx: RefinementContext) {
  if (query.from === undefined || query.to === undefined) return;
  if (query.from > query.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['from'],
      message: `from ${query.from} is after to ${query.to}`,
    });
    return;
  }
  if (monthsBetween(query.from, query.to) + 1 > MAX_SERIES_MONTHS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `a range spans at most ${MAX_SERIES_MONTHS} months`,
    });
  }
}

/**
 * The query of a read over "areas of a level inside a parent, for a period", with the
 * endpoint's own parameters; `level` must lie below `parent`.
 */
export function scopeQuery<const T extends z.ZodRawShape>(extra: T) {
  return z
    .object({ level: levelParam, parent: parentParam, period: optionalPeriod, ...extra })
    .superRefine(
      (query, ctx) => checkLevelBelowParent(query as { level: Level; parent?: string }, ctx),
      ONCE_PARAMS_VALID,
    );
}

/** A moment to read the reports as they stood then (`report_history` keeps replaced versions). */
export const asOfParam = z
  .string()
  .datetime({ offset: true })
  .optional()
  .openapi({
    description:
      'ISO 8601 timestamp: scores from the reports as they stood then (later corrections left out)',
    examples: ['2024-07-01T00:00:00Z'],
  });
