// Lake publishing at national scale: a first (whole) version, a live month's version, an unchanged
// check, and how long small writes wait while a whole version is written beside them.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreReport, type IndicatorValue } from '@pantau/domain';
import {
  applySubmissions,
  LakePublisher,
  openWarehouse,
  refreshAreaScores,
  type LakeManifest,
  type Submission,
  type Warehouse,
} from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { DATA_DIR_OPTION, LAST_PERIOD, openNationalData } from './lib/national-data';
import { line, timed } from './lib/report';

const { values } = parseArgs({
  options: {
    'data-dir': DATA_DIR_OPTION,
    /** Reports of the latest month a live interval brings before the next version. */
    live: { type: 'string', default: '1000' },
  },
});
const LIVE_REPORTS = Number(values.live);

/** Single-report loads timed before the publish, for a baseline. */
const BASELINE_LOADS = 20;

/** p50 and max of some durations. */
function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `p50 ${p50.toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
}

/** Bytes of the files under `dir`. */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** `count` corrections of the latest month: new versions of stored reports, one per village. */
function corrections(count: number, sourceId: string): Submission[] {
  const villages = [...readVillageCodes()].sort().slice(0, count);
  return villages.map((code, i) => {
    const indicators: Record<string, IndicatorValue> = { gov_online_letters_pct: 77 };
    return {
      submission_id: `${sourceId}:${i + 2}`,
      source: 'import',
      source_id: sourceId,
      line: i + 2,
      received_at: new Date().toISOString(),
      valid: true,
      report: {
        report_id: `LAKE-${sourceId}-${code}`,
        cadre_id: `KD-${code}`,
        village_code: code,
        period: LAST_PERIOD,
        submitted_at: new Date().toISOString(),
        notes: null,
        indicators,
      },
      scores: scoreReport(indicators),
    };
  });
}

async function load(warehouse: Warehouse, submissions: Submission[]): Promise<void> {
  await warehouse.write(async (tx) => {
    await applySubmissions(tx, submissions);
    await refreshAreaScores(tx.connection);
  });
}

async function publish(publisher: LakePublisher, what: string): Promise<LakeManifest | null> {
  const [manifest, ms] = await timed(() => publisher.publish());
  const files = manifest ? Object.values(manifest.tables).flatMap((t) => t.files).length : 0;
  line(
    `${what}: ${(ms / 1000).toFixed(2)} s${manifest ? `, version ${manifest.version}, ${files} files` : ', no new version'}`,
  );
  return manifest;
}

const national = await openNationalData(values['data-dir']);
await national.close();
const scratch = mkdtempSync(join(tmpdir(), 'pantau-lake-bench-'));
try {
  // The national dir stays as built: this bench loads into a copy.
  const dataDir = join(scratch, 'data');
  cpSync(values['data-dir'], dataDir, { recursive: true });
  const warehouse = await openWarehouse({ dataDir });
  const reports = Number(
    (
      await warehouse.db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  line(`lake of ${reports.toLocaleString('en-US')} reports`);
  const lakeDir = join(dataDir, 'lake');
  const publisher = new LakePublisher({ warehouse, dir: lakeDir, intervalMs: 0 });

  // Small writes alone, then beside the whole first version: what the publish costs a live load.
  const alone: number[] = [];
  for (let n = 0; n < BASELINE_LOADS; n++) {
    alone.push((await timed(() => load(warehouse, corrections(1, `alone-${n}`))))[1]);
  }
  line(`single-report loads alone: ${summary(alone)}`);
  const waits: number[] = [];
  let writing = true;
  const writer = (async () => {
    for (let n = 0; writing; n++) {
      const [, ms] = await timed(() => load(warehouse, corrections(1, `beside-${n}`)));
      waits.push(ms);
    }
  })();
  await publish(publisher, 'first version (every partition)');
  writing = false;
  await writer;
  line(`  ${waits.length} single-report loads meanwhile: ${summary(waits)}`);
  line(
    `  lake size ${(bytesUnder(lakeDir) / 2 ** 20).toFixed(0)} MiB, database ${(bytesUnder(dataDir) / 2 ** 20 - bytesUnder(lakeDir) / 2 ** 20).toFixed(0)} MiB`,
  );

  await load(warehouse, corrections(LIVE_REPORTS, 'live'));
  await publish(
    publisher,
    `after ${LIVE_REPORTS.toLocaleString('en-US')} reports of ${LAST_PERIOD}`,
  );
  await publish(publisher, 'nothing changed');

  await publisher.close();
  await warehouse.close();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
