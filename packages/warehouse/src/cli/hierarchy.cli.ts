// `npm run hierarchy`: loads Indonesia's hierarchy into a data dir and shows what is there.
import { parseArgs } from 'node:util';
import { listAreas } from '../queries/areas.queries';
import { countAreas } from '../hierarchy/load-hierarchy';
import { HIERARCHY_PACKAGE } from '../hierarchy/hierarchy.source';
import { openWarehouse } from '../warehouse';
import { env } from './env';

const MERANGIN = '15.02';
const SAMPLE_VILLAGES = ['Kungkai', 'Pasar Muara Siau', 'Sungai Udang', 'Bungo Antoi', 'Mentawak'];

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir'] ?? env.DATA_DIR;
const out = (line: string) => process.stdout.write(`${line}\n`);

const started = performance.now();
const warehouse = await openWarehouse({ dataDir });
const elapsed = performance.now() - started;
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
await warehouse.close();
