// How to read a published lake version: a DuckDB SQL snippet naming its files, and a pandas one.
import { join } from 'node:path';
import { LAKE_TABLES, MANIFEST_FILE, type LakeManifest } from './lake-manifest';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * DuckDB SQL that makes a view per table over exactly this version's files: a session that runs
 * it reads one consistent version, whatever is published meanwhile.
 */
export function duckdbSnippet(manifest: LakeManifest, lakeDir: string): string {
  const lines = [
    `-- Pantau lake, version ${manifest.version}, published ${manifest.published_at}`,
    '-- (duckdb, then paste; run `npm run lake` again for a newer version)',
  ];
  for (const table of LAKE_TABLES) {
    const files = manifest.tables[table].files;
    if (files.length === 0) {
      lines.push(`-- ${table}: no rows in this version`);
      continue;
    }
    const list = files.map((file) => `  ${quote(join(lakeDir, file))}`).join(',\n');
    lines.push(
      `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet([\n${list}\n], hive_partitioning = true, hive_types = {'period': VARCHAR});`,
    );
  }
  lines.push(
    "SELECT code, period, round(dci, 1) AS dci, villages_reporting FROM area_scores WHERE level = 'province' ORDER BY period DESC, code LIMIT 10;",
  );
  return lines.join('\n');
}

/**
 * Python that reads the manifest once (so every table comes from one version) and loads a table
 * into pandas through pyarrow's dataset reader, periods from the Hive paths.
 */
export function pandasSnippet(lakeDir: string): string {
  return [
    'import json',
    'import pyarrow.dataset as ds',
    '',
    `lake = ${JSON.stringify(lakeDir)}`,
    `with open(f"{lake}/${MANIFEST_FILE}") as f:`,
    '    manifest = json.load(f)',
    '',
    'def table(name):',
    '    files = [f"{lake}/{path}" for path in manifest["tables"][name]["files"]]',
    '    return ds.dataset(files, format="parquet", partitioning="hive",',
    '                      partition_base_dir=f"{lake}/{name}").to_table().to_pandas()',
    '',
    'area_scores = table("area_scores")',
    'print(area_scores[area_scores.level == "province"].head())',
  ].join('\n');
}
