// `npm run lake`: how to query the lake's current version, with DuckDB and with pandas.
import { join } from 'node:path';
import { duckdbSnippet, pandasSnippet, readManifest } from '@pantau/warehouse';
import { dataDirFromArgs } from './invocation';
import { CliError, runCli } from './run-cli';

const USAGE = `Usage: npm run lake [-- --data-dir <dir>]

Prints the lake's current version (DATA_DIR/lake, published by the running API unless LAKE=off)
and how to query it with DuckDB and with pandas. The data dir is DATA_DIR (default ./data, the
one npm start uses), or --data-dir.
`;

async function main(argv: string[]): Promise<number> {
  const dataDir = dataDirFromArgs(argv, USAGE);
  if (dataDir === null) return 0;
  const lakeDir = join(dataDir, 'lake');
  const manifest = await readManifest(lakeDir);
  if (!manifest)
    throw new CliError(
      `No lake at ${lakeDir} yet: the API publishes one after its first load (unless LAKE=off).`,
    );
  const rows = Object.entries(manifest.tables)
    .map(([table, t]) => `${table} ${t.partitions.reduce((sum, p) => sum + p.rows, 0)}`)
    .join(', ');
  process.stdout.write(
    [
      `Lake ${lakeDir}: version ${manifest.version} (${manifest.published_at}); rows: ${rows}.`,
      '',
      '== DuckDB ==',
      duckdbSnippet(manifest, lakeDir),
      '',
      '== pandas (with pyarrow) ==',
      pandasSnippet(lakeDir),
      '',
    ].join('\n'),
  );
  return 0;
}

await runCli(main, USAGE);
