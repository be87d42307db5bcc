// Opens the DuckDB store: migrations, the hierarchy, a reader pool and the single serialised writer.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { syncCatalogueColumns } from './catalogue-columns';
import { DuckDBDialect } from './duckdb-dialect';
import { loadHierarchy, type HierarchyCounts } from './hierarchy/load-hierarchy';
import { migrate } from './migrations';
import type { Database } from './schema';

export const DATABASE_FILE = 'pantau.duckdb';

/**
 * DuckDB checkpoints (rewrites the WAL into the file) when the WAL passes this size. The
 * default 16 MB makes a bulk load checkpoint after nearly every batch; a larger WAL costs only
 * replay time after a crash.
 */
const CHECKPOINT_THRESHOLD = '256MB';

/** Concurrent readers: a few connections serve parallel API reads better than one. */
const DEFAULT_READERS = 4;

export interface WarehouseOptions {
  /** Directory of the database file; null keeps everything in memory (tests). */
  dataDir: string | null;
  readers?: number;
}

/** What a write transaction gets: Kysely and the raw connection (for the Appender). */
export interface WriteContext {
  db: Kysely<Database>;
  connection: DuckDBConnection;
}

export interface WriteOptions {
  rollback?: boolean;
}

export interface Warehouse {
  /** Reads, over a pool of connections. */
  readonly db: Kysely<Database>;
  /**
   * Runs `work` in one transaction on the single writer, one write at a time. With
   * `rollback`, the transaction is undone after `work` returns (a dry run).
   */
  write<T>(work: (tx: WriteContext) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** The hierarchy counts loaded at this open, or null when the data dir already had it. */
  readonly hierarchyLoaded: HierarchyCounts | null;
  close(): Promise<void>;
}

export async function openWarehouse(options: WarehouseOptions): Promise<Warehouse> {
  let path = ':memory:';
  if (options.dataDir !== null) {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, DATABASE_FILE);
  }
  const instance = await DuckDBInstance.create(path, {
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
  });
  const writer = await instance.connect();
  await migrate(writer);
  await syncCatalogueColumns(writer);
  const hierarchyLoaded = await loadHierarchy(writer);

  const readers = await Promise.all(
    Array.from({ length: options.readers ?? DEFAULT_READERS }, () => instance.connect()),
  );
  const db = new Kysely<Database>({ dialect: new DuckDBDialect(readers) });
  const writeDb = new Kysely<Database>({ dialect: new DuckDBDialect([writer]) });

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function transaction<T>(
    work: (tx: WriteContext) => Promise<T>,
    options: WriteOptions,
  ): Promise<T> {
    if (closed) throw new Error('warehouse is closed');
    await writer.run('BEGIN TRANSACTION');
    try {
      const result = await work({ db: writeDb, connection: writer });
      await writer.run(options.rollback ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      await writer.run('ROLLBACK');
      throw error;
    }
  }

  return {
    db,
    hierarchyLoaded,
    write<T>(work: (tx: WriteContext) => Promise<T>, options: WriteOptions = {}): Promise<T> {
      const next = queue.then(() => transaction(work, options));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      if (closed) return;
      await queue;
      closed = true;
      await db.destroy();
      await writeDb.destroy();
      if (path !== ':memory:') await writer.run('CHECKPOINT');
      for (const connection of [...readers, writer]) connection.closeSync();
      instance.closeSync();
    },
  };
}
