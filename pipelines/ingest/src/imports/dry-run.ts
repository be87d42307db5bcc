// A dry run: the import is validated and applied in one transaction that is rolled back.
import type { ValidationContext } from '@pantau/domain';
import {
  applySubmissionBatches,
  listImportErrors,
  type DryRunSummary,
  type Warehouse,
} from '@pantau/warehouse';
import { sql } from 'kysely';
import { validateBatch } from '../validate/validate.processor';
import { DRY_RUN_ERRORS_KEPT } from './dry-run-errors';
import { chunked, type ImportRecords } from './import-records';

/** Rows validated and applied per step; the event loop breathes between steps. */
const STEP_ROWS = 2_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Gives exactly the summary a real import of the same file would give now — the same
 * validation, the same natural-key rules against the stored reports — and writes nothing.
 * It holds the writer while it runs, so live loads wait until it ends.
 */
export async function dryRunImport(options: {
  warehouse: Warehouse;
  importId: string;
  receivedAt: Date;
  input: ImportRecords;
  context: ValidationContext;
}): Promise<DryRunSummary> {
  return options.warehouse.write(
    async ({ db, connection }) => {
      let chunk = 0;
      for await (const records of chunked(options.input.records, STEP_ROWS)) {
        const batch = validateBatch(
          {
            source: 'import',
            source_id: options.importId,
            received_at: options.receivedAt.toISOString(),
            chunk: chunk++,
            header: options.input.header,
            records,
          },
          options.context,
        );
        await applySubmissionBatches(connection, [batch]);
        await yieldToEventLoop();
      }
      const { rows } = await sql<Omit<DryRunSummary, 'errors'>>`
        SELECT count(*)::INTEGER AS rows,
               count(*) FILTER (WHERE outcome = 'imported')::INTEGER AS imported,
               count(*) FILTER (WHERE outcome = 'updated')::INTEGER AS updated,
               count(*) FILTER (WHERE outcome = 'ignored')::INTEGER AS ignored,
               count(*) FILTER (WHERE outcome = 'rejected')::INTEGER AS rejected
        FROM submissions WHERE source = 'import' AND source_id = ${options.importId}`.execute(db);
      const { errors } = await listImportErrors(db, options.importId, {
        offset: 0,
        limit: DRY_RUN_ERRORS_KEPT,
      });
      const counts = rows[0] ?? { rows: 0, imported: 0, updated: 0, ignored: 0, rejected: 0 };
      return { ...counts, errors };
    },
    { rollback: true },
  );
}
