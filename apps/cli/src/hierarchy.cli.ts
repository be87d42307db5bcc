// `npm run hierarchy`: loads Indonesia's hierarchy into a data dir and shows what is there.
// Loading writes to DuckDB, so this one opens the data dir itself (the API has no call for it);
// while the running API holds the data dir it refuses, saying so: that API loaded the hierarchy
// when it started.
import { countAreas, listAreas, openWarehouse, type Warehouse } from '@pantau/warehouse';
import { HIERARCHY_PACKAGE } from '@pantau/warehouse/hierarchy-source';
import { dataDirFromArgs } from './invocation';
import { CliError, runCli } from './run-cli';

const USAGE = `Usage: npm run hierarchy [-- --data-dir <dir>]

Loads Indonesia's hierarchy (${HIERARCHY_PACKAGE}) into the data dir when it is not there yet and
prints the areas of each level. The data dir is DATA_DIR (default ./data, the one npm start
uses), or --data-dir. Run it with the system stopped: while npm start runs, its API holds the
data dir (and loaded the hierarchy when it started).
`;

const MERANGIN = '15.02';
const SAMPLE_VILLAGES = ['Kungkai', 'Pasar Muara Siau', 'Sungai Udang', 'Bungo Antoi', 'Mentawak'];

const out = (line: string) => process.stdout.write(`${line}\n`);

async function open(dataDir: string): Promise<Warehouse> {
  try {
    return await openWarehouse({ dataDir });
  } catch (error) {
    if (!/lock/i.test((error as Error).message)) throw error;
    throw new CliError(
      `${dataDir} is in use, by the running API (npm start) most likely: it loaded the hierarchy ` +
        `when it started (browse it at /api/v1/areas). Stop it to load or count here.`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const dataDir = dataDirFromArgs(argv, USAGE);
  if (dataDir === null) return 0;
  const started = performance.now();
  const warehouse = await open(dataDir);
  try {
    await report(warehouse, dataDir, performance.now() - started);
  } finally {
    await warehouse.close();
  }
  return 0;
}

async function report(warehouse: Warehouse, dataDir: string, elapsed: number): Promise<void> {
  out(
    warehouse.hierarchyLoaded
      ? `Loaded ${HIERARCHY_PACKAGE} into ${dataDir} in ${(elapsed / 1000).toFixed(2)} s`
      : `${dataDir} already holds the hierarchy (opened in ${(elapsed / 1000).toFixed(2)} s)`,
  );
  const counts = await warehouse.write(({ connection }) => countAreas(connection));
  const format = (n: number) => n.toLocaleString('en-US');
  out(`  provinces  ${format(counts.province)}`);
  out(`  kabupaten  ${format(counts.regency)}`);
  out(`  kecamatan  ${format(counts.district)}`);
  out(`  villages   ${format(counts.village)}`);
  out(`  programme regions ${counts.region}`);

  const villages = await listAreas(warehouse.db, {
    level: 'village',
    parent: MERANGIN,
    limit: 1_000,
  });
  out(`Kabupaten Merangin (${MERANGIN}) has ${villages.length} villages, among them:`);
  for (const name of SAMPLE_VILLAGES) {
    const village = villages.find((v) => v.name === name);
    out(`  ${village ? `${village.code}  ${village.name}` : `(not found) ${name}`}`);
  }
}

await runCli(main, USAGE);
