// Import bookkeeping: creation, end of reading, progress recounted from submissions, completion.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, ImportsTable } from '../schema';
import type { ImportError } from '../queries/imports.queries';
import { storableJson } from './storable-json';

export interface NewImport {
  import_id: string;
  filename: string | null;
  format: ImportsTable['format'];
  dry_run: boolean;
  created_at: Date;
}

export async function createImport(db: Kysely<Database>, created: NewImport): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      ...created,
      status: 'queued',
      rows: null,
      dry_run_errors: null,
      error: null,
      finished_at: null,
      created_at: created.created_at.toISOString(),
    })
    .execute();
}

/** Records the CSV dialect the import's header showed. */
export async function setImportDialect(
  db: Kysely<Database>,
  importId: string,
  dialect: 'comma' | 'semicolon',
): Promise<void> {
  await db.updateTable('imports').set({ dialect }).where('import_id', '=', importId).execute();
}

/** The file has been read to the end: `rows` data rows are on their way through the pipeline. */
export async function markImportRead(
  db: Kysely<Database>,
  importId: string,
  rows: number,
): Promise<void> {
  await db
    .updateTable('imports')
    .set({ rows, status: sql`CASE WHEN status = 'queued' THEN 'running' ELSE status END` })
    .where('import_id', '=', importId)
    .execute();
}

export async function failImport(
  db: Kysely<Database>,
  importId: string,
  error: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status: 'failed', error, finished_at: now.toISOString() })
    .where('import_id', '=', importId)
    .execute();
}

/**
 * Recounts the outcomes of the given imports from their submissions (exact even when a later
 * row of an import superseded an earlier one) and completes those whose every row is accounted
 * for. Returns the imports that completed now.
 */
export async function refreshImportProgress(
  db: Kysely<Database>,
  importIds: readonly string[],
  now: Date,
): Promise<string[]> {
  if (importIds.length === 0) return [];
  await sql`
    UPDATE imports SET
      processed = c.processed, imported = c.imported, updated = c.updated,
      ignored = c.ignored, rejected = c.rejected,
      status = CASE WHEN imports.rows IS NOT NULL AND c.processed >= imports.rows
                    THEN 'completed' ELSE 'running' END,
      finished_at = CASE WHEN imports.rows IS NOT NULL AND c.processed >= imports.rows
                         THEN ${now.toISOString()}::TIMESTAMPTZ END
    FROM (
      SELECT source_id,
             count(*)::INTEGER AS processed,
             count(*) FILTER (WHERE outcome = 'imported')::INTEGER AS imported,
             count(*) FILTER (WHERE outcome = 'updated')::INTEGER AS updated,
             count(*) FILTER (WHERE outcome = 'ignored')::INTEGER AS ignored,
             count(*) FILTER (WHERE outcome = 'rejected')::INTEGER AS rejected
      FROM submissions WHERE source = 'import' AND source_id IN (${sql.join(importIds)})
      GROUP BY source_id
    ) c
    WHERE imports.import_id = c.source_id AND imports.status <> 'failed'`.execute(db);
  const completed = await db
    .selectFrom('imports')
    .select('import_id')
    .where('import_id', 'in', importIds)
    .where('status', '=', 'completed')
    .where('finished_at', '=', now)
    .execute();
  return completed.map((row) => row.import_id);
}

export interface DryRunSummary {
  rows: number;
  imported: number;
  updated: number;
  ignored: number;
  rejected: number;
  /** The first errors, as the import error list shows them. */
  errors: ImportError[];
}

/** A dry run writes no submissions: its counts and first errors are kept on the import. */
export async function completeDryRun(
  db: Kysely<Database>,
  importId: string,
  summary: DryRunSummary,
  now: Date,
): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      status: 'completed',
      rows: summary.rows,
      processed: summary.rows,
      imported: summary.imported,
      updated: summary.updated,
      ignored: summary.ignored,
      rejected: summary.rejected,
      dry_run_errors: storableJson(summary.errors),
      finished_at: now.toISOString(),
    })
    .where('import_id', '=', importId)
    .execute();
}

/**
 * At start: imports whose file was still being read (and dry runs) when the API stopped cannot
 * finish; they fail, saying how far they got. What was loaded stays loaded.
 */
export async function failInterruptedImports(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .updateTable('imports')
    .set({
      status: 'failed',
      error: sql<string>`CASE WHEN dry_run
        THEN 'interrupted: the API stopped during the dry run (nothing was written)'
        ELSE concat('interrupted: the API stopped while the file was being read, after ',
                    processed, ' rows were loaded (they stay; a re-import of the file ignores them)')
        END`,
      finished_at: now.toISOString(),
    })
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([
          eb('status', '=', 'running'),
          eb.or([eb('dry_run', '=', true), eb('rows', 'is', null)]),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Imports whose rows are on no queue any more (a Redis without persistence that restarted)
 * can never complete: they fail, saying how many rows were loaded.
 */
export async function failLostImports(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .updateTable('imports')
    .set({
      status: 'failed',
      error: sql<string>`concat('lost: ', processed, ' of ', rows,
        ' rows were loaded; the others are on no queue any more (was Redis restarted without persistence?)')`,
      finished_at: now.toISOString(),
    })
    .where('status', '=', 'running')
    .where('dry_run', '=', false)
    .where('rows', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
