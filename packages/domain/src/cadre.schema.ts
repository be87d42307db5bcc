// The cadre roster contract: who reports for which village, and whether they are active.
import { z } from 'zod';
import { readBooleanCell } from './csv-row';
import { REGIONS, regionCodeOf } from './hierarchy';
import { REPORT_ID_MAX, villageCodeSchema, type ReportError } from './report.schema';
import type { VillageDirectory } from './validate-report';

const NAME_MAX = 200;
const REGION_CODES = REGIONS.map((r) => r.code) as [string, ...string[]];
const REGION_CHOICES = REGIONS.map((r) => `${r.code} (${r.name})`).join(', ');

export const CADRE_COLUMNS = ['cadre_id', 'name', 'village_code', 'region', 'active'] as const;

export const cadreSchema = z.object({
  cadre_id: z.string({ error: 'is required' }).min(1).max(REPORT_ID_MAX),
  name: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(NAME_MAX),
  village_code: villageCodeSchema,
  // The names people write mean the code; anything else is refused with the choices.
  region: z.preprocess(
    (value) => (typeof value === 'string' ? (regionCodeOf(value) ?? value) : value),
    z
      .enum(REGION_CODES, { error: `must be one of ${REGION_CHOICES}, or a region's name` })
      .nullish(),
  ),
  active: z.boolean({ error: 'must be true or false' }),
});

export type Cadre = z.infer<typeof cadreSchema>;

export type CadreResult = { ok: true; cadre: Cadre } | { ok: false; errors: ReportError[] };

/** Validates one roster entry (JSON form), naming every problem. */
export function validateCadre(input: unknown, context: VillageDirectory): CadreResult {
  const parsed = cadreSchema.safeParse(input);
  const errors: ReportError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || 'cadre',
        value: issue.path.reduce<unknown>(
          (v, key) =>
            v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined,
          input,
        ),
        message: issue.message,
      }));
  if (parsed.success && !context.isVillage(parsed.data.village_code)) {
    errors.push({
      field: 'village_code',
      value: parsed.data.village_code,
      message: 'unknown village code',
    });
  }
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, cadre: parsed.data };
}

/** A roster CSV row (`cadre_id,name,village_code,region,active`) in JSON form. */
export function csvCadreRow(
  header: readonly string[],
  cells: readonly string[],
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const cell = (cells[i] ?? '').trim();
    if (cell === '') return;
    if (name.trim() === 'active') {
      const read = readBooleanCell(cell);
      row.active = read.ok ? read.value : cell;
    } else row[name.trim()] = cell;
  });
  return row;
}
