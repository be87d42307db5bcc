// A dry run: the import validated and decided against the stored reports, written nowhere.
import type { VillageDirectory } from '@pantau/domain';
import {
  decideOutcomes,
  KeyOverlay,
  type DryRunSummary,
  type ImportError,
  type Outcome,
  type Warehouse,
} from '@pantau/warehouse';
import { validateBatch } from '../validate/validate.processor';
import { DRY_RUN_ERRORS_KEPT } from './dry-run-errors';
import { chunked, type ImportRecords } from './import-records';

/** Rows validated and decided per step; the event loop breathes between steps. */
const STEP_ROWS = 2_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function reportIdOf(payload: unknown): string | null {
  const value = (payload as { report_id?: unknown } | null)?.report_id;
  return typeof value === 'string' ? value : null;
}

/**
 * Gives exactly the summary a real import of the same file would give now — the same
 * validation, the same natural-key rules against the stored reports, chunk after chunk — and
 * writes nothing. It reads the writer's stored keys through an overlay of its own and never
 * touches DuckDB, so live loads go on beside it.
 */
export async function dryRunImport(options: {
  warehouse: Warehouse;
  importId: string;
  receivedAt: Date;
  input: ImportRecords;
  villages: VillageDirectory;
}): Promise<DryRunSummary> {
  const keys = new KeyOverlay(options.warehouse.keys);
  const counts: Record<Outcome, number> = { imported: 0, updated: 0, ignored: 0, rejected: 0 };
  const errors: ImportError[] = [];
  let rows = 0;
  let chunk = 0;
  for await (const records of chunked(options.input.records, STEP_ROWS)) {
    const batch = validateBatch(
      {
        source: 'import',
        source_id: options.importId,
        received_at: options.receivedAt.toISOString(),
        chunk: chunk++,
        header: options.input.header,
        dialect: options.input.dialect,
        records,
      },
      options.villages,
    );
    rows += records.length;
    const decisions = decideOutcomes([batch], keys);
    decisions.overlay.commit();
    for (const decision of decisions.valid[0] ?? []) counts[decision.outcome]++;
    // Earlier rows of the file that a later row replaced are ignored after all.
    for (const s of decisions.superseded) {
      counts[s.was]--;
      counts.ignored++;
    }
    counts.rejected += batch.rejected.length;
    for (const [line, reasons, payload] of batch.rejected) {
      if (errors.length >= DRY_RUN_ERRORS_KEPT) break;
      const reportId = reportIdOf(payload);
      for (const { field, value, message } of reasons)
        errors.push({ line, report_id: reportId, field, value, message });
    }
    await yieldToEventLoop();
  }
  return { rows, ...counts, errors: errors.slice(0, DRY_RUN_ERRORS_KEPT) };
}
