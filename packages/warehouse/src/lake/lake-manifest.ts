// The lake's manifest: which Parquet files make up the published version, swapped atomically.
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'pantau-lake/1';

/** The tables the lake holds, each partitioned by period (Hive style: `period=2025-03/`). */
export const LAKE_TABLES = ['reports', 'area_scores', 'submissions', 'report_history'] as const;
export type LakeTable = (typeof LAKE_TABLES)[number];

export interface LakePartition {
  /** null: rows without a period (submissions rejected before one was read). */
  period: string | null;
  rows: number;
  /** Changes whenever the partition's rows do: an unchanged partition keeps its files. */
  fingerprint: string;
  /** Paths relative to the lake directory. */
  files: string[];
}

export interface LakeTableVersion {
  partition_by: ['period'];
  /** The table's columns and types: a change republishes every partition. */
  columns: string;
  /** Every file of the table in this version, relative to the lake directory. */
  files: string[];
  partitions: LakePartition[];
}

export interface RetiredFile {
  path: string;
  /** When the file left the published version; it is deleted a grace period later. */
  since: string;
}

export interface LakeManifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  published_at: string;
  tables: Record<LakeTable, LakeTableVersion>;
  retired: RetiredFile[];
}

/** The published manifest, or null when nothing was published yet. */
export async function readManifest(lakeDir: string): Promise<LakeManifest | null> {
  try {
    const manifest = JSON.parse(
      await readFile(join(lakeDir, MANIFEST_FILE), 'utf8'),
    ) as LakeManifest;
    return manifest.format === MANIFEST_FORMAT ? manifest : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Publishes `manifest`: written beside the current one, then renamed over it, so a reader
 * opens either the old version or the new one, whole.
 */
export async function writeManifest(lakeDir: string, manifest: LakeManifest): Promise<void> {
  const temporary = join(lakeDir, `.${MANIFEST_FILE}.${randomUUID()}.tmp`);
  await writeFile(temporary, JSON.stringify(manifest, null, 2) + '\n');
  await rename(temporary, join(lakeDir, MANIFEST_FILE));
}

/** Every data file a manifest names, across its tables. */
export function manifestFiles(manifest: LakeManifest): string[] {
  return LAKE_TABLES.flatMap((table) => manifest.tables[table].files);
}
