// Imports with their summaries, and the rejection errors of one import, line by line.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ImportsTable } from '../schema';

export type ImportSummary = Omit<Selectable<ImportsTable>, 'dry_run_errors'>;

export interface ImportError {
  line: number;
  report_id: string | null;
  field: string;
  value: unknown;
  message: string;
}

const SUMMARY_COLUMNS = [
  'import_id',
  'filename',
  'format',
  'dialect',
  'dry_run',
  'status',
  'rows',
  'processed',
  'imported',
  'updated',
  'ignored',
  'rejected',
  'error',
  'created_at',
  'finished_at',
] as const;

export async function getImport(
  db: Kysely<Database>,
  importId: string,
): Promise<ImportSummary | null> {
  const row = await db
    .selectFrom('imports')
    .select(SUMMARY_COLUMNS)
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return row ?? null;
}

export async function listImports(db: Kysely<Database>, limit: number): Promise<ImportSummary[]> {
  return db
    .selectFrom('imports')
    .select(SUMMARY_COLUMNS)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Every (line, reason) of an import: rejected submissions, or the errors a dry run kept. */
function importErrors(importId: string) {
  return sql`(
    SELECT s.line, s.report_id, e.field, e.value, e.message
    FROM submissions s,
         unnest(from_json(s.errors, '[{"field":"VARCHAR","value":"JSON","message":"VARCHAR"}]')) AS t(e)
    WHERE s.source = 'import' AND s.source_id = ${importId} AND s.outcome = 'rejected'
    UNION ALL
    SELECT e.line, e.report_id, e.field, e.value, e.message
    FROM imports i,
         unnest(from_json(i.dry_run_errors,
           '[{"line":"INTEGER","report_id":"VARCHAR","field":"VARCHAR","value":"JSON","message":"VARCHAR"}]')) AS t(e)
    WHERE i.import_id = ${importId})`;
}

/** One entry per reason a row was rejected, in line order, a page at a time, with the total. */
export async function listImportErrors(
  db: Kysely<Database>,
  importId: string,
  page: { offset: number; limit: number },
): Promise<{ total: number; errors: ImportError[] }> {
  const [count, { rows }] = await Promise.all([
    sql<{
      total: number;
    }>`SELECT count(*)::INTEGER AS total FROM ${importErrors(importId)} e`.execute(db),
    sql<ImportError & { value: string | null }>`
      SELECT line, report_id, field, value::VARCHAR AS value, message
      FROM ${importErrors(importId)} e
      ORDER BY line, field
      LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db),
  ]);
  return {
    total: count.rows[0]?.total ?? 0,
    errors: rows.map(({ value, ...error }) => ({
      ...error,
      value: value === null ? null : (JSON.parse(value) as unknown),
    })),
  };
}
