// Opens the DuckDB store: migrations, the hierarchy, a reader pool and the single serialised writer.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { syncCatalogueColumns } from './catalogue-columns';
import { DuckDBDialect } from './duckdb-dialect';
import { loadHierarchy, type HierarchyCounts } from './hierarchy/load-hierarchy';
import { migrate } from './migrations';
import type { Database } from './schema';
import { inTransaction } from './transaction';
import {
  AggregateRefresher,
  type AggregatesAfterCommit,
  type RefreshListener,
} from './aggregate-refresher';
import { refreshQualityFlags } from './writes/quality-flags';
import {
  refreshAreaRows,
  refreshAreaScores,
  unionScopes,
  type AreaRefresh,
} from './writes/refresh-area-scores';
import { KeyOverlay, StoredKeys, type KeyState } from './writes/stored-keys';

export const DATABASE_FILE = 'pantau.duckdb';

/**
 * DuckDB checkpoints (rewrites the WAL into the file) when the WAL passes this size. The
 * default 16 MB makes a bulk load checkpoint after nearly every batch; a larger WAL costs only
 * replay time after a crash. An import checkpoints sooner, while it runs (`Warehouse.checkpoint`,
 * the loader): the commit that meets this threshold is then seldom a small live one.
 */
const CHECKPOINT_THRESHOLD = '256MB';

/** Concurrent readers: a few connections serve parallel API reads better than one. */
const DEFAULT_READERS = 4;
/** Readers of lineage alone (a village's page, a submission): point reads that never queue. */
const LINEAGE_READERS = 2;
/**
 * How soon the warehouse refreshes the aggregates a live load left to it, unless a read needs
 * them first (an open dashboard re-reads what a load touched within 1.5 s, and that read
 * refreshes them): live loads of the meantime share one refresh. The reports that arrive while
 * it runs wait for it, so the fewer refreshes, the fewer reports wait. At 500 live reports/s on
 * 1 M stored (bench:ingest, 2 December 2026, three runs each, one machine) freshness p95 was
 * 357–393 ms with 2 s and 237–292 ms with 5 s.
 */
const DEFAULT_REFRESH_DELAY_MS = 5000;

export interface WarehouseOptions {
  /** Directory of the database file; null keeps everything in memory (tests). */
  dataDir: string | null;
  readers?: number;
  refreshDelayMs?: number;
}

/**
 * What a write transaction gets: Kysely, the raw connection (for the Appender), and the stored
 * keys as this transaction changes them (kept only if it commits).
 */
export interface WriteContext {
  db: Kysely<Database>;
  connection: DuckDBConnection;
  keys: KeyState;
  /**
   * Says that this transaction changed area scores only above these (period, kecamatan) scopes,
   * the lineage (reports, replaced reports, submissions) only of these villages, and neither the
   * hierarchy nor the cadre roster. Without it, a commit counts as changing everything (see
   * `Warehouse.scoreChangesSince` and `Warehouse.villageChangesSince`).
   */
  changedOnly(scopes: readonly ScoreScope[], villages: readonly string[]): void;
  /**
   * Refreshes the area scores and quality flags of every scope marked dirty (those a load left
   * to the warehouse too), in this transaction.
   */
  refreshAggregates(): Promise<AreaRefresh>;
  /**
   * Leaves the scopes this transaction marked dirty to the warehouse, which refreshes them in a
   * transaction of its own after this one commits (see `Warehouse.settle`): a small live load
   * commits its reports without the refresh above them.
   */
  deferAggregates(): void;
}

/** A kecamatan in a month: what a load changes, and everything above it. */
export interface ScoreScope {
  period: string;
  district_code: string;
}

/** What a commit said it changed (`WriteContext.changedOnly`). */
interface Changes {
  scopes: ScoreScope[];
  /** null: too many to keep listing (a bulk import's), so any village. */
  villages: string[] | null;
}

/**
 * Villages a commit's log entry lists at most: a live load names a few, a bulk import's commit
 * tens of thousands, which the log would keep for its next thousand commits.
 */
const LOGGED_VILLAGES = 1_000;

/** Commits remembered by the change log: enough for a busy minute of live loads. */
const CHANGE_LOG_COMMITS = 1_000;

export interface WriteOptions {
  rollback?: boolean;
}

export interface Warehouse {
  /**
   * Reads, over a pool of connections. A read waits, if need be, for the aggregates that loads
   * left to the warehouse (`settle`): what it reads reflects every commit before it.
   */
  readonly db: Kysely<Database>;
  /**
   * Reads of lineage alone — reports, replaced reports, submissions, cadres — which every
   * commit writes whole: they never wait for aggregates (a village's page, a submission).
   */
  readonly lineageDb: Kysely<Database>;
  /**
   * Resolves once the aggregates reflect every commit made before the call, refreshing those
   * that loads left to the warehouse now; rejects if that refresh fails.
   */
  settle(): Promise<void>;
  /**
   * Calls `listener` after each refresh the warehouse runs by itself (of aggregates that loads
   * left to it), with the scopes refreshed and the flags raised; returns an unsubscribe.
   */
  onAggregatesRefreshed(listener: RefreshListener): () => void;
  /**
   * Runs `work` in one transaction on the single writer, one write at a time. With
   * `rollback`, the transaction is undone after `work` returns (a dry run).
   */
  write<T>(work: (tx: WriteContext) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * Writes the WAL into the database file now, between two writes (readers go on). A bulk
   * load calls it as it goes: otherwise the commit that passes DuckDB's WAL threshold could
   * be a live report's, a few milliseconds of work waiting seconds for the rewrite of
   * everything the load wrote.
   */
  checkpoint(): Promise<void>;
  /** The size of the WAL now (0 in memory): what a checkpoint would write into the file. */
  readonly walBytes: number;
  /** The hierarchy counts loaded at this open, or null when the data dir already had it. */
  readonly hierarchyLoaded: HierarchyCounts | null;
  /**
   * The natural keys of the stored reports, as committed: what a dry run reads (through an
   * overlay of its own) to say what an import would do, without holding the writer.
   */
  readonly keys: StoredKeys;
  /** The last write's failure, if the last write failed (cleared by a successful one). */
  readonly lastWriteError: Error | null;
  /**
   * Writes committed since this open: what is stored changes only when this changes (the
   * warehouse is the only writer), so readers key what they derive from the data by it.
   */
  readonly version: number;
  /**
   * The scopes whose area scores (and the reports below them) changed in the commits after
   * `version`; null when a commit in between did not say what it changed (it may have changed
   * anything, the roster too) or is too long ago to be remembered. Readers that memoise scores
   * refresh only these.
   */
  scoreChangesSince(version: number): readonly ScoreScope[] | null;
  /**
   * The villages whose lineage (reports, replaced reports, submissions) changed in the commits
   * after `version`; null as for `scoreChangesSince`, or when a commit named too many to list.
   * Readers that memoise a village's page drop only these.
   */
  villageChangesSince(version: number): ReadonlySet<string> | null;
  /**
   * A connection of its own, for long reads that should hold no pooled reader (the lake
   * publisher's snapshot). Closed by its user, or at the latest by `close()`.
   */
  connect(): Promise<DuckDBConnection>;
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
  // Aggregates a migration marked stale are rebuilt before anything reads them.
  await inTransaction(writer, () => refreshAreaScores(writer));
  const keys = await StoredKeys.load(writer);

  const connectAll = (count: number) =>
    Promise.all(Array.from({ length: count }, () => instance.connect()));
  const readers = await connectAll(options.readers ?? DEFAULT_READERS);
  const lineageReaders = await connectAll(LINEAGE_READERS);
  const writeDb = new Kysely<Database>({ dialect: new DuckDBDialect([writer]) });

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  let lastWriteError: Error | null = null;
  let version = 0;
  /** What each of the last commits changed (null: anything), oldest first; the last is `version`. */
  const changeLog: { version: number; changes: Changes | null }[] = [];

  /** What the commits after `since` said they changed; null if one did not say, or is forgotten. */
  function changesSince(since: number): Changes[] | null {
    const first = changeLog.length === 0 ? version + 1 : changeLog[0]!.version;
    if (since < first - 1) return null;
    const said: Changes[] = [];
    for (const entry of changeLog) {
      if (entry.version <= since) continue;
      if (entry.changes === null) return null;
      said.push(entry.changes);
    }
    return said;
  }
  const ownConnections: DuckDBConnection[] = [];

  // The refresh of what live loads left: the flags, then the area scores, each a write of its
  // own, so that the live loads queued meanwhile commit between the two instead of after both.
  function refreshWrite<T extends { scopes: ScoreScope[] }>(
    part: 'flags-refreshed' | 'areas-refreshed',
    refresh: (connection: DuckDBConnection) => Promise<T>,
  ): Promise<T> {
    const work = async (tx: WriteContext) => {
      const refreshed = await refresh(writer);
      tx.changedOnly(refreshed.scopes, []);
      return refreshed;
    };
    return queued(() => transaction(work, {}, part));
  }
  const refresher = new AggregateRefresher(
    async () => {
      const flags = await refreshWrite('flags-refreshed', refreshQualityFlags);
      const areas = await refreshWrite('areas-refreshed', refreshAreaRows);
      const scopes = unionScopes(areas.scopes, flags.scopes);
      return { scopes, raisedFlags: flags.raisedFlags, committedAt: new Date() };
    },
    () => version,
    options.refreshDelayMs ?? DEFAULT_REFRESH_DELAY_MS,
  );
  const settle = () => (refresher.stale ? refresher.settle() : Promise.resolve());
  const db = new Kysely<Database>({ dialect: new DuckDBDialect(readers, settle) });
  const lineageDb = new Kysely<Database>({ dialect: new DuckDBDialect(lineageReaders) });

  /** `refreshing`: the part of the aggregates this write refreshes (the refresher's writes). */
  async function transaction<T>(
    work: (tx: WriteContext) => Promise<T>,
    options: WriteOptions,
    refreshing: AggregatesAfterCommit = 'untouched',
  ): Promise<T> {
    if (closed) throw new Error('warehouse is closed');
    const overlay = new KeyOverlay(keys);
    let changed: Changes | null = null;
    const changedOnly = (scopes: readonly ScoreScope[], villages: readonly string[]) => {
      // concat, not push(...): a bulk import's lists outgrow the arguments a call may take.
      const kept = changed === null ? [] : changed.villages;
      changed = {
        scopes: (changed?.scopes ?? []).concat(scopes),
        villages:
          kept !== null && kept.length + villages.length <= LOGGED_VILLAGES
            ? kept.concat(villages)
            : null,
      };
    };
    let aggregates = refreshing;
    const context: WriteContext = {
      db: writeDb,
      connection: writer,
      keys: overlay,
      changedOnly,
      async refreshAggregates() {
        const refreshed = await refreshAreaScores(writer);
        aggregates = 'refreshed';
        return refreshed;
      },
      deferAggregates() {
        aggregates = 'deferred';
      },
    };
    try {
      const result = await inTransaction(writer, () => work(context), options);
      if (!options.rollback) {
        overlay.commit();
        version++;
        changeLog.push({ version, changes: changed });
        if (changeLog.length > CHANGE_LOG_COMMITS) changeLog.shift();
        refresher.committed(version, aggregates);
      }
      lastWriteError = null;
      return result;
    } catch (error) {
      lastWriteError = error as Error;
      throw error;
    }
  }

  /** Runs `step` on the writer after every write queued before it, one at a time. */
  function queued<T>(step: () => Promise<T>): Promise<T> {
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  }

  function write<T>(work: (tx: WriteContext) => Promise<T>, options: WriteOptions = {}) {
    return queued(() => transaction(work, options));
  }

  return {
    db,
    lineageDb,
    hierarchyLoaded,
    keys,
    get lastWriteError() {
      return lastWriteError;
    },
    get version() {
      return version;
    },
    scoreChangesSince(since) {
      return changesSince(since)?.flatMap((changes) => changes.scopes) ?? null;
    },
    villageChangesSince(since) {
      const changes = changesSince(since);
      if (changes === null || changes.some((c) => c.villages === null)) return null;
      return new Set(changes.flatMap((c) => c.villages!));
    },
    write,
    get walBytes() {
      if (path === ':memory:') return 0;
      return statSync(`${path}.wal`, { throwIfNoEntry: false })?.size ?? 0;
    },
    checkpoint: () =>
      queued(async () => {
        if (closed) throw new Error('warehouse is closed');
        if (path !== ':memory:') await writer.run('CHECKPOINT');
      }),
    settle,
    onAggregatesRefreshed: (listener) => refresher.onRefresh(listener),
    async connect() {
      if (closed) throw new Error('warehouse is closed');
      const connection = await instance.connect();
      ownConnections.push(connection);
      return connection;
    },
    async close() {
      if (closed) return;
      // Aggregates left to the warehouse are refreshed before it closes; if that fails, their
      // dirty marks are stored and the next open refreshes them.
      await settle().catch(() => undefined);
      refresher.stop();
      await queue;
      closed = true;
      await db.destroy();
      await lineageDb.destroy();
      await writeDb.destroy();
      if (path !== ':memory:') await writer.run('CHECKPOINT');
      for (const connection of [...ownConnections, ...readers, ...lineageReaders, writer])
        connection.closeSync();
      instance.closeSync();
    },
  };
}
