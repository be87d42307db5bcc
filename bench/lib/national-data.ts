// Builds (or reuses) a national data dir: every village, 24 months of deterministic reports, a roster.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addMonths,
  INDICATORS,
  periodRange,
  scoreReport,
  type IndicatorValue,
  type ValidReport,
} from '@pantau/domain';
import {
  applySubmissions,
  openWarehouse,
  refreshAreaScores,
  upsertCadres,
  type CadreRecord,
  type Submission,
  type Warehouse,
} from '@pantau/warehouse';
import { readVillageCodes } from '@pantau/warehouse/hierarchy-source';
import { line, timed } from './report';

/** Bump when the generated data changes, so an old data dir is rebuilt rather than reused. */
const DATA_VERSION = 1;
const MARKER_FILE = 'bench-national.json';

/** The `--data-dir` option of the benches that read the national data dir (built if missing). */
export const DATA_DIR_OPTION = {
  type: 'string',
  default: fileURLToPath(new URL('../out/national', import.meta.url)),
} as const;

export const FIRST_PERIOD = '2023-01';
export const MONTHS = 24;
export const LAST_PERIOD = addMonths(FIRST_PERIOD, MONTHS - 1);

/** Reports per applySubmissions call: a loader-sized batch. */
const BATCH = 50_000;
/** Share of cadres still active; inactive villages are not expected but sometimes report. */
const ACTIVE_SHARE = 0.97;
const ACTIVE_REPORT_RATE = 0.93;
const INACTIVE_REPORT_RATE = 0.15;
/** Chance an indicator is left out of a report, so some pillars go unscored. */
const MISSING_INDICATOR_RATE = 0.08;
/** Maturity gained per month, so trends rise. */
const MONTHLY_GAIN = 0.012;

interface Marker {
  version: number;
  villages: number;
  reports: number;
  from: string;
  to: string;
}

/** A small, fast, seeded hash (xmur3-style mix) giving a float in [0, 1). */
function unit(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    h = Math.imul(h ^ k, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 4_294_967_296;
}

function codeKey(code: string): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return h >>> 0;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Indicator values for a village with maturity `m` (0–1), varied per indicator. */
function indicatorsFor(m: number, key: number): Record<string, IndicatorValue> {
  const values: Record<string, IndicatorValue> = {};
  INDICATORS.forEach((indicator, k) => {
    if (unit(key, k, 1) < MISSING_INDICATOR_RATE) return;
    const x = clamp01(m + (unit(key, k, 2) - 0.5) * 0.5);
    switch (indicator.unit) {
      case 'bool':
        values[indicator.code] = unit(key, k, 3) < x;
        return;
      case 'rupiah':
        values[indicator.code] = Math.round(10 ** (x * 9));
        return;
      default: {
        const max = Math.min(indicator.range?.max ?? 100, indicator.unit === 'count' ? 6 : 100);
        const value = x * max;
        values[indicator.code] = indicator.wholeNumber ? Math.round(value) : value;
      }
    }
  });
  if (Object.keys(values).length === 0) values.gov_online_letters_pct = 0;
  return values;
}

function submittedAt(period: string, key: number, month: number): string {
  // Days 1–20 of the following month at 10:00 WIB: about half before the 11th (on time).
  const day = 1 + Math.floor(unit(key, month, 7) * 20);
  return `${addMonths(period, 1)}-${String(day).padStart(2, '0')}T03:00:00.000Z`;
}

function* reports(villages: readonly string[], active: readonly boolean[]) {
  const provinceLevel = new Map<string, number>();
  for (const [p, period] of periodRange(FIRST_PERIOD, LAST_PERIOD).entries()) {
    for (let v = 0; v < villages.length; v++) {
      const code = villages[v]!;
      const key = codeKey(code);
      const chance = active[v] ? ACTIVE_REPORT_RATE : INACTIVE_REPORT_RATE;
      if (unit(key, p, 11) >= chance) continue;
      const province = code.slice(0, 2);
      let base = provinceLevel.get(province);
      if (base === undefined) {
        base = 0.15 + unit(codeKey(province), 5) * 0.45;
        provinceLevel.set(province, base);
      }
      const maturity = clamp01(base + (unit(key, 6) - 0.5) * 0.5 + p * MONTHLY_GAIN);
      const report: ValidReport = {
        report_id: `BENCH-${code}-${period}`,
        cadre_id: `KD-${code}`,
        village_code: code,
        period,
        submitted_at: submittedAt(period, key, p),
        notes: null,
        indicators: indicatorsFor(maturity, (key ^ Math.imul(p + 1, 0x27d4eb2d)) >>> 0),
      };
      yield report;
    }
  }
}

function readMarker(dataDir: string): Marker | null {
  const path = join(dataDir, MARKER_FILE);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Marker;
  } catch {
    return null;
  }
}

async function load(warehouse: Warehouse, villages: string[]): Promise<number> {
  const active = villages.map((code) => unit(codeKey(code), 99) < ACTIVE_SHARE);
  const roster: CadreRecord[] = villages.map((code, i) => ({
    cadre_id: `KD-${code}`,
    name: `Kader ${code}`,
    village_code: code,
    region: null,
    active: active[i]!,
  }));
  await warehouse.write(({ connection }) => upsertCadres(connection, roster));

  let total = 0;
  let batch: Submission[] = [];
  const flush = async () => {
    const source_id = `bench-${total}`;
    const rows = batch.map((s, i) => ({ ...s, source_id, submission_id: `${source_id}:${i + 2}` }));
    batch = [];
    await warehouse.write(async (tx) => {
      await applySubmissions(tx, rows);
      await refreshAreaScores(tx.connection);
    });
    total += rows.length;
    line(`  loaded ${total.toLocaleString('en-US')} reports`);
  };
  for (const report of reports(villages, active)) {
    batch.push({
      submission_id: '',
      source: 'import',
      source_id: '',
      line: batch.length + 2,
      received_at: report.submitted_at,
      valid: true,
      report,
      scores: scoreReport(report.indicators as Record<string, IndicatorValue>),
    });
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return total;
}

/** Opens the national data dir, building it first when it is missing or from another version. */
export async function openNationalData(dataDir: string): Promise<Warehouse> {
  const marker = readMarker(dataDir);
  if (marker?.version === DATA_VERSION) {
    line(
      `reusing ${dataDir}: ${marker.reports.toLocaleString('en-US')} reports, ${marker.from}..${marker.to}`,
    );
    return openWarehouse({ dataDir });
  }
  if (existsSync(join(dataDir, 'pantau.duckdb'))) {
    throw new Error(
      `${dataDir} holds a database that is not this bench's; pass another --data-dir`,
    );
  }
  line(`building ${dataDir}: every village × ${MONTHS} months (${FIRST_PERIOD}..${LAST_PERIOD})`);
  const warehouse = await openWarehouse({ dataDir });
  const villages = [...readVillageCodes()].sort();
  const [reportCount, ms] = await timed(() => load(warehouse, villages));
  await warehouse.close();
  const written: Marker = {
    version: DATA_VERSION,
    villages: villages.length,
    reports: reportCount,
    from: FIRST_PERIOD,
    to: LAST_PERIOD,
  };
  writeFileSync(join(dataDir, MARKER_FILE), `${JSON.stringify(written, null, 2)}\n`);
  line(`built in ${(ms / 1000).toFixed(1)} s`);
  return openWarehouse({ dataDir });
}
