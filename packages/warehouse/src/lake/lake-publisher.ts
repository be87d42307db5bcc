// Publishes the warehouse as a Parquet lake after loads, at most once per interval, from its own
// connection: a publish reads a snapshot and never holds the writer, so loads go on meanwhile.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../warehouse';
import {
  LAKE_TABLES,
  manifestFiles,
  readManifest,
  writeManifest,
  type LakeManifest,
  type RetiredFile,
} from './lake-manifest';
import { writeVersion } from './publish-version';

/**
 * How long a file stays after it left the published version: a reader that opened the previous
 * manifest finishes its query from the files it named. Longer than any query should run.
 */
export const DEFAULT_GRACE_MS = 15 * 60_000;

export interface LakePublisherOptions {
  warehouse: Warehouse;
  /** The lake's directory (DATA_DIR/lake). */
  dir: string;
  /** Least time between two publishes. */
  intervalMs: number;
  graceMs?: number;
  clock?: () => Date;
  onPublished?: (manifest: LakeManifest, info: { ms: number; changedPartitions: number }) => void;
  onError?: (error: unknown) => void;
}

/** Parquet files under the lake's table directories, relative to the lake. */
async function filesOnDisk(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of LAKE_TABLES) {
    const entries = await readdir(join(dir, table), { recursive: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.endsWith('.parquet')) found.push(`${table}/${entry.split('\\').join('/')}`);
    }
  }
  return found;
}

export class LakePublisher {
  #options: LakePublisherOptions;
  #graceMs: number;
  #clock: () => Date;
  #connection: Promise<DuckDBConnection> | null = null;
  #manifest: LakeManifest | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #pending = false;
  #lastPublish = 0;
  #closed = false;

  constructor(options: LakePublisherOptions) {
    this.#options = options;
    this.#graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** The version readers see now (null before the first publish). */
  get manifest(): LakeManifest | null {
    return this.#manifest;
  }

  /** Reads the published version and publishes what changed since it (e.g. while stopped). */
  start(): void {
    this.touch();
  }

  /** Marks the warehouse changed: a publish follows, at most one per interval. */
  touch(): void {
    this.#pending = true;
    this.#schedule();
  }

  /** Publishes now (after the publish in progress, if any); the new manifest or null if none. */
  async publish(): Promise<LakeManifest | null> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#running) await this.#running;
    const before = this.#manifest;
    this.#run();
    await this.#running;
    return this.#manifest === before ? null : this.#manifest;
  }

  /**
   * Stops, interrupting a publish in progress (a whole national version takes a minute): readers
   * keep the published version, and the next start publishes what this one missed.
   */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running && this.#connection) (await this.#connection).interrupt();
    while (this.#running) await this.#running;
    if (this.#connection) (await this.#connection).closeSync();
    this.#connection = null;
  }

  #schedule(): void {
    if (this.#timer || this.#running || this.#closed || !this.#pending) return;
    const wait = Math.max(0, this.#lastPublish + this.#options.intervalMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, wait);
  }

  #run(): void {
    this.#pending = false;
    this.#running = this.#publishOnce()
      // A publish that close() interrupted is no error: its files are swept at the next start.
      .catch((error: unknown) => {
        if (this.#closed) return;
        this.#options.onError?.(error);
        // What it was to publish is still unpublished: try again after the interval.
        this.#pending = true;
      })
      .finally(() => {
        this.#running = null;
        this.#lastPublish = Date.now();
        this.#schedule();
      });
  }

  async #publishOnce(): Promise<void> {
    const { dir, warehouse } = this.#options;
    const started = performance.now();
    this.#connection ??= warehouse.connect();
    const connection = await this.#connection;
    await mkdir(dir, { recursive: true });
    const previous = this.#manifest ?? (await this.#adopt());
    const now = this.#clock();
    // The snapshot is read on a connection of its own: the aggregates loads left are settled first.
    await warehouse.settle();
    const written = await writeVersion(connection, dir, previous, now);
    if (!written) return;
    const { manifest } = written;
    const current = new Set(manifestFiles(manifest));
    const left = previous ? manifestFiles(previous).filter((file) => !current.has(file)) : [];
    manifest.retired = await this.#sweep(
      [...manifest.retired, ...left.map((path) => ({ path, since: now.toISOString() }))],
      current,
      now,
    );
    await writeManifest(dir, manifest);
    this.#manifest = manifest;
    this.#options.onPublished?.(manifest, {
      ms: Math.round(performance.now() - started),
      changedPartitions: written.changedPartitions,
    });
  }

  /**
   * The published manifest at start, with files no version names (a publish that stopped
   * before its manifest) retired from now on.
   */
  async #adopt(): Promise<LakeManifest | null> {
    const manifest = await readManifest(this.#options.dir);
    if (!manifest) return null;
    const known = new Set([...manifestFiles(manifest), ...manifest.retired.map((r) => r.path)]);
    const since = this.#clock().toISOString();
    for (const path of await filesOnDisk(this.#options.dir)) {
      if (!known.has(path)) manifest.retired.push({ path, since });
    }
    return manifest;
  }

  /** Deletes retired files past the grace period; the ones still waiting. */
  async #sweep(
    retired: readonly RetiredFile[],
    current: ReadonlySet<string>,
    now: Date,
  ): Promise<RetiredFile[]> {
    const waiting: RetiredFile[] = [];
    for (const file of retired) {
      if (current.has(file.path)) continue;
      if (now.getTime() - Date.parse(file.since) < this.#graceMs) waiting.push(file);
      else await rm(join(this.#options.dir, file.path), { force: true });
    }
    return waiting;
  }
}
