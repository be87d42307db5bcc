// `npm run lake`: how to query the lake's current version, with DuckDB and with pandas.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readManifest } from '../lake/lake-manifest';
import { duckdbSnippet, pandasSnippet } from '../lake/lake-snippets';
import { env, invokedFrom } from './env';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
const lakeDir = join(resolve(invokedFrom, values['data-dir'] ?? env.DATA_DIR), 'lake');
const manifest = await readManifest(lakeDir);
if (!manifest) {
  process.stderr.write(
    `No lake at ${lakeDir} yet: the API publishes one after its first load (unless LAKE=off).\n`,
  );
  process.exit(1);
}
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
