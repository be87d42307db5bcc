// Writes one lake version from one snapshot of the warehouse: the partitions whose rows changed
// since the previous version are copied to new Parquet files; the others keep their files.
//
// Steps, inside one read transaction (so every table is read at the same instant):
//   1. fingerprints   per table and period: row count and a hash of the rows' identities
//   2. copyChanged    COPY … PARTITION_BY (period) of the changed periods only
//   3. the manifest   changed partitions with their new files, unchanged ones carried forward
import { createHash, randomUUID } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from '../transaction';
import {
  LAKE_TABLES,
  MANIFEST_FORMAT,
  type LakeManifest,
  type LakePartition,
  type LakeTable,
  type LakeTableVersion,
} from './lake-manifest';

/**
 * What identifies a partition's rows: a new version of a report has a new submission id, a
 * displaced submission a new outcome. Area scores are few; their whole rows are hashed.
 */
const ROW_IDENTITY: Record<LakeTable, string> = {
  reports: 'hash(submission_id)',
  area_scores: 'hash(t)',
  submissions: 'hash(submission_id, outcome)',
  report_history: 'hash(submission_id, replaced_by)',
};

/** A month as the store writes it; a rejected submission's period is whatever was sent. */
const MONTH = `'^[0-9]{4}-(0[1-9]|1[0-2])$'`;

/**
 * Each table's rows with the partition column `period`. A submission's period may be anything a
 * client sent: only a well-formed month becomes a partition (a directory), the rest go to the
 * NULL partition, and the value as sent stays in the file as `period_sent`.
 */
const PARTITIONED: Record<LakeTable, string> = {
  reports: 'SELECT * FROM reports',
  area_scores: 'SELECT * FROM area_scores',
  submissions: `SELECT * EXCLUDE (period), period AS period_sent,
      CASE WHEN regexp_matches(period, ${MONTH}) THEN period END AS period FROM submissions`,
  report_history: 'SELECT * FROM report_history',
};

/** How DuckDB names the partition of rows whose period is NULL. */
const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

const PARQUET_OPTIONS = 'FORMAT parquet, COMPRESSION zstd, PARTITION_BY (period)';

type Fingerprints = Map<string | null, Omit<LakePartition, 'files'>>;

/** Step 1: each period's row count and fingerprint. */
async function fingerprints(connection: DuckDBConnection, table: LakeTable): Promise<Fingerprints> {
  const reader = await connection.runAndReadAll(
    `SELECT period, count(*)::BIGINT AS rows, bit_xor(${ROW_IDENTITY[table]})::VARCHAR AS fingerprint
       FROM (${PARTITIONED[table]}) AS t GROUP BY period`,
  );
  const result: Fingerprints = new Map();
  for (const [period, rows, fingerprint] of reader.getRowsJS() as [
    string | null,
    bigint,
    string,
  ][]) {
    result.set(period, { period, rows: Number(rows), fingerprint: `${rows}:${fingerprint}` });
  }
  return result;
}

/** The table's columns and types, hashed: files written before a migration do not carry over. */
async function columnsOf(connection: DuckDBConnection, table: LakeTable): Promise<string> {
  const reader = await connection.runAndReadAll(
    `SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)
       FROM information_schema.columns WHERE table_schema = 'main' AND table_name = '${table}'`,
  );
  const columns = String(reader.getRowsJS()[0]?.[0] ?? '');
  return createHash('sha256').update(columns).digest('hex').slice(0, 16);
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The period a written file belongs to, from its `period=…` directory. */
function periodOfFile(file: string): string | null {
  const value = /(?:^|[\\/])period=([^\\/]*)[\\/]/.exec(file)?.[1];
  if (value === undefined) throw new Error(`not a partitioned file: ${file}`);
  return value === NULL_PARTITION ? null : decodeURIComponent(value);
}

/** Step 2: the changed periods of `table`, copied to new files; their paths by period. */
async function copyChanged(
  connection: DuckDBConnection,
  lakeDir: string,
  table: LakeTable,
  periods: readonly (string | null)[],
  filePrefix: string,
): Promise<Map<string | null, string[]>> {
  const named = periods.filter((p): p is string => p !== null);
  const conditions = [
    ...(named.length > 0 ? [`period IN (${named.map(quote).join(', ')})`] : []),
    ...(periods.includes(null) ? ['period IS NULL'] : []),
  ];
  const reader = await connection.runAndReadAll(
    `COPY (SELECT * FROM (${PARTITIONED[table]}) WHERE ${conditions.join(' OR ')})
       TO ${quote(join(lakeDir, table))}
       (${PARQUET_OPTIONS}, FILENAME_PATTERN ${quote(`${filePrefix}_{i}`)},
        OVERWRITE_OR_IGNORE, RETURN_FILES)`,
  );
  const written = (reader.getRowsJS()[0]?.[1] ?? []) as string[];
  const byPeriod = new Map<string | null, string[]>();
  for (const file of written) {
    const path = relative(lakeDir, file).split(sep).join('/');
    const period = periodOfFile(path);
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), path]);
  }
  return byPeriod;
}

/** Steps 1–3 for one table. */
async function tableVersion(
  connection: DuckDBConnection,
  lakeDir: string,
  table: LakeTable,
  previous: LakeTableVersion | undefined,
  filePrefix: string,
): Promise<{ version: LakeTableVersion; changed: number }> {
  const columns = await columnsOf(connection, table);
  const current = await fingerprints(connection, table);
  const kept = new Map(
    previous?.columns === columns ? previous.partitions.map((p) => [p.period, p]) : [],
  );
  const changed = [...current.values()]
    .filter((p) => kept.get(p.period)?.fingerprint !== p.fingerprint)
    .map((p) => p.period);
  const written =
    changed.length > 0
      ? await copyChanged(connection, lakeDir, table, changed, filePrefix)
      : new Map<string | null, string[]>();
  const dropped = (previous?.partitions ?? []).filter((p) => !current.has(p.period)).length;
  const partitions = [...current.values()]
    .map((p) => ({ ...p, files: written.get(p.period) ?? kept.get(p.period)?.files ?? [] }))
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  return {
    version: {
      partition_by: ['period'],
      columns,
      files: partitions.flatMap((p) => p.files),
      partitions,
    },
    changed: changed.length + dropped,
  };
}

export interface PublishedVersion {
  manifest: LakeManifest;
  /** Partitions written anew (or dropped) across the tables. */
  changedPartitions: number;
}

/**
 * Writes the next version's files from one snapshot read on `connection` and returns its
 * manifest (not yet published), or null when no partition changed since `previous`.
 */
export async function writeVersion(
  connection: DuckDBConnection,
  lakeDir: string,
  previous: LakeManifest | null,
  now: Date,
): Promise<PublishedVersion | null> {
  const version = (previous?.version ?? 0) + 1;
  // A version number may have been used by a publish that crashed before its manifest: the
  // random part keeps its leftover files apart from this version's.
  const filePrefix = `v${String(version).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
  const built = await inTransaction(connection, async () => {
    const entries: [LakeTable, { version: LakeTableVersion; changed: number }][] = [];
    for (const table of LAKE_TABLES) {
      entries.push([
        table,
        await tableVersion(connection, lakeDir, table, previous?.tables[table], filePrefix),
      ]);
    }
    return entries;
  });
  const changedPartitions = built.reduce((sum, [, t]) => sum + t.changed, 0);
  if (previous && changedPartitions === 0) return null;
  return {
    changedPartitions,
    manifest: {
      format: MANIFEST_FORMAT,
      version,
      published_at: now.toISOString(),
      tables: Object.fromEntries(built.map(([table, t]) => [table, t.version])) as Record<
        LakeTable,
        LakeTableVersion
      >,
      retired: previous?.retired ?? [],
    },
  };
}
