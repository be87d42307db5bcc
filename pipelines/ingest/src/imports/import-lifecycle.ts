// The life of an import: created, streamed onto the queue (or spooled and dry-run), read to the
// end, failed with a reason when it cannot finish — and, at start, what a stop left behind.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvDialect, VillageDirectory } from '@pantau/domain';
import {
  completeDryRun,
  createImport,
  failImport,
  failInterruptedImports,
  failLostImports,
  getImport,
  markImportRead,
  recordAudit,
  refreshImportProgress,
  setImportDialect,
  type AuditActor,
  type Warehouse,
} from '@pantau/warehouse';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { dryRunImport } from './dry-run';
import { enqueueImport } from './enqueue-import';
import {
  ImportFormatError,
  openImportRecords,
  sniffFormat,
  type ImportFormat,
  type ImportRecords,
} from './import-records';

export interface ImportServices {
  warehouse: Warehouse;
  validateQueue: Queue;
  /** Every queue whose jobs may still carry an import's rows. */
  queues: readonly Queue[];
  villages: VillageDirectory;
  /** Where dry-run uploads are spooled while they are checked. */
  spoolDir: string;
  clock: () => Date;
  logger: Logger;
  limits: { maxBytes: number; spoolQuotaBytes: number };
}

export interface ImportRequest {
  /** Who starts it: kept in the audit trail. */
  actor: AuditActor;
  filename: string | null;
  /** The format the request declared; a body that is a ZIP is read as XLSX whatever it says. */
  format: ImportFormat;
  dryRun: boolean;
  body: AsyncIterable<Uint8Array>;
  /** The Content-Length, when the client sent one: a file too large is refused before reading. */
  declaredBytes: number | null;
}

export interface StartedImport {
  import_id: string;
  /** The format the file was read as. */
  format: ImportFormat;
  /** The CSV dialect its header showed (null for NDJSON and XLSX). */
  dialect: CsvDialect | null;
  /** Data rows queued (null for a dry run, which reads the file after answering). */
  rows: number | null;
  status: string;
}

/** The file is larger than IMPORT_MAX_BYTES. */
export class ImportTooLarge extends Error {
  override readonly name = 'ImportTooLarge';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes.toLocaleString('en-US')} bytes (IMPORT_MAX_BYTES)`);
  }
}

/** Spooling the dry run would pass SPOOL_QUOTA_BYTES or leave the disk too full. */
export class SpoolFull extends Error {
  override readonly name = 'SpoolFull';
}

/** The queue (Redis) cannot take the file's rows now. */
export class QueueUnavailable extends Error {
  override readonly name = 'QueueUnavailable';
}

function newImportId(now: Date): string {
  return `imp-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** The body, counted as it streams: past `maxBytes` it fails with ImportTooLarge. */
async function* limited(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const piece of body) {
    bytes += piece.byteLength;
    if (bytes > maxBytes) throw new ImportTooLarge(maxBytes);
    yield piece;
  }
}

async function spoolBytes(spoolDir: string): Promise<number> {
  const names = await readdir(spoolDir);
  const sizes = await Promise.all(
    names.map((name) =>
      stat(join(spoolDir, name)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Spools a dry run's upload, within the quota and without filling the disk. */
async function spool(services: ImportServices, request: ImportRequest, file: string) {
  const { spoolQuotaBytes, maxBytes } = services.limits;
  const room = spoolQuotaBytes - (await spoolBytes(services.spoolDir));
  const disk = await statfs(services.spoolDir);
  // The disk keeps at least a quota's worth free for the database beside it.
  const free = disk.bavail * disk.bsize - spoolQuotaBytes;
  const allowed = Math.max(0, Math.min(room, free));
  const full = () =>
    new SpoolFull(
      `the dry run does not fit the spool: ${allowed.toLocaleString('en-US')} bytes are free (SPOOL_QUOTA_BYTES, and the disk beside the database)`,
    );
  if (request.declaredBytes !== null && request.declaredBytes > allowed) throw full();
  try {
    await pipeline(
      Readable.from(limited(request.body, Math.min(maxBytes, allowed))),
      createWriteStream(file),
    );
  } catch (error) {
    await rm(file, { force: true });
    if (error instanceof ImportTooLarge && allowed < maxBytes) throw full();
    throw error;
  }
}

/** Opens the file's records and keeps on the import which CSV dialect its header showed. */
async function openRecorded(
  services: ImportServices,
  importId: string,
  format: ImportFormat,
  body: AsyncIterable<Uint8Array>,
): Promise<ImportRecords> {
  const input = await openImportRecords(format, body);
  const { dialect } = input;
  if (dialect) await services.warehouse.write(({ db }) => setImportDialect(db, importId, dialect));
  return input;
}

/** A dry run, after the 202: reads the spooled file and keeps its summary on the import. */
async function runDryRun(
  services: ImportServices,
  importId: string,
  file: string,
  format: ImportFormat,
  receivedAt: Date,
): Promise<void> {
  const log = services.logger.child({ module: 'imports', import_id: importId });
  try {
    const input = await openImportRecords(format, createReadStream(file));
    const summary = await dryRunImport({
      warehouse: services.warehouse,
      importId,
      receivedAt,
      input,
      villages: services.villages,
    });
    await services.warehouse.write(({ db }) =>
      completeDryRun(db, importId, summary, services.clock()),
    );
    log.info({ rows: summary.rows, rejected: summary.rejected }, 'dry run done');
  } catch (error) {
    log.error({ err: error }, 'dry run failed');
    await services.warehouse.write(({ db }) =>
      failImport(db, importId, (error as Error).message, services.clock()),
    );
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Starts an import: creates it, then streams its rows onto the queue (answering with the rows
 * queued) or, for a dry run, spools the file and checks it after answering. A file that cannot
 * be read, is too large, or meets an unreachable queue fails the import with that reason and is
 * thrown as a typed error (ImportFormatError, ImportTooLarge, SpoolFull, QueueUnavailable).
 */
export async function startImport(
  services: ImportServices,
  request: ImportRequest,
): Promise<StartedImport> {
  const { warehouse, limits } = services;
  if (request.declaredBytes !== null && request.declaredBytes > limits.maxBytes)
    throw new ImportTooLarge(limits.maxBytes);
  const receivedAt = services.clock();
  const importId = newImportId(receivedAt);
  const { format, body } = await sniffFormat(request.format, request.body);
  await warehouse.write(async ({ db }) => {
    await createImport(db, {
      import_id: importId,
      filename: request.filename,
      format,
      dry_run: request.dryRun,
      created_at: receivedAt,
    });
    await recordAudit(db, {
      actor: request.actor,
      action: 'import.started',
      target: importId,
      details: { filename: request.filename, format, dry_run: request.dryRun },
      at: receivedAt,
    });
  });
  let rows = 0;
  try {
    if (request.dryRun) {
      const file = join(services.spoolDir, `${importId}.${format}`);
      await spool(services, { ...request, body }, file);
      // Read the header now, so an unreadable file is a 400 like a real import's.
      const { dialect } = await openRecorded(
        services,
        importId,
        format,
        createReadStream(file),
      ).catch(async (error: unknown) => {
        await rm(file, { force: true });
        throw error;
      });
      void runDryRun(services, importId, file, format, receivedAt);
      return {
        import_id: importId,
        format,
        dialect: dialect ?? null,
        rows: null,
        status: 'queued',
      };
    }
    const input = await openRecorded(services, importId, format, limited(body, limits.maxBytes));
    rows = await enqueueImport({
      importId,
      receivedAt,
      input,
      validateQueue: services.validateQueue,
      onProgress: (queued) => (rows = queued),
    }).catch((error: unknown) => {
      if (error instanceof ImportFormatError || error instanceof ImportTooLarge) throw error;
      throw new QueueUnavailable(`the queue (Redis) refused the rows: ${(error as Error).message}`);
    });
    await warehouse.write(async ({ db }) => {
      await markImportRead(db, importId, rows);
      await refreshImportProgress(db, [importId], services.clock());
    });
    services.logger.info({ import_id: importId, rows, format }, 'import queued');
    const summary = await getImport(warehouse.db, importId);
    return {
      import_id: importId,
      format,
      dialect: input.dialect ?? null,
      rows,
      status: summary?.status ?? 'running',
    };
  } catch (error) {
    const queued =
      rows > 0 ? ` after ${rows.toLocaleString('en-US')} rows were queued (they are loaded)` : '';
    const reason =
      error instanceof ImportFormatError
        ? error.message
        : `upload failed${queued}: ${(error as Error).message}`;
    await warehouse.write(({ db }) => failImport(db, importId, reason, services.clock()));
    throw error;
  }
}

/**
 * At start, what a stop left behind: imports whose file was still being read (and dry runs)
 * cannot finish — they fail, saying how far they got, and what was loaded stays loaded; imports
 * whose rows are no longer on any queue (a Redis that lost them) fail too; spooled uploads of
 * dead dry runs are removed.
 */
export async function recoverImports(
  services: Pick<ImportServices, 'warehouse' | 'queues' | 'spoolDir' | 'clock'>,
): Promise<{ interrupted: number; lost: number; spooled: number }> {
  const now = services.clock();
  const interrupted = await services.warehouse.write(({ db }) => failInterruptedImports(db, now));
  const counts = await Promise.all(
    services.queues.map((q) =>
      q.getJobCountByTypes('waiting', 'active', 'delayed', 'failed', 'prioritized'),
    ),
  );
  const queued = counts.reduce((a, b) => a + b, 0);
  const lost =
    queued === 0 ? await services.warehouse.write(({ db }) => failLostImports(db, now)) : 0;
  const names = await readdir(services.spoolDir);
  await Promise.all(names.map((name) => rm(join(services.spoolDir, name), { force: true })));
  return { interrupted, lost, spooled: names.length };
}
