// One area's monthly bulletin as data: KPIs, pillars, a year's trend, its children ranked, and
// the villages that have not reported. The PDF and the dashboard page both draw this.
import {
  addMonths,
  levelOfCode,
  stageOf,
  type Level,
  type PillarScores,
  type Stage,
} from '@pantau/domain';
import {
  getAreaTimeseries,
  getCompleteness,
  listAreaScores,
  listMissingVillages,
  type Area,
  type Warehouse,
} from '@pantau/warehouse';

/** Levels that have a bulletin, and the level of the areas each one ranks. */
export const BULLETIN_CHILD_LEVEL = {
  province: 'regency',
  regency: 'district',
  district: 'village',
} as const satisfies Partial<Record<Level, Level>>;

export type BulletinLevel = keyof typeof BULLETIN_CHILD_LEVEL;

export function isBulletinLevel(level: Level | null): level is BulletinLevel {
  return level !== null && level in BULLETIN_CHILD_LEVEL;
}

/** Months the trend covers, ending at the bulletin's month. */
export const TREND_MONTHS = 12;
/** Missing villages a bulletin lists by name (it always says how many there are in all). */
export const MISSING_LISTED = 300;
/** Enough rows for every kecamatan of the largest kabupaten, and every village of a kecamatan. */
const CHILDREN_LIMIT = 10_000;

export interface BulletinChild {
  rank: number | null;
  code: string;
  name: string;
  dci: number | null;
  stage: Stage | null;
  pillars: PillarScores;
  reported: number;
  expected: number;
  rate: number | null;
}

export interface Bulletin {
  area: { code: string; name: string; level: BulletinLevel; parents: string[] };
  period: string;
  child_level: Level;
  kpis: {
    dci: number | null;
    stage: Stage | null;
    /** DCI minus the previous month's; null when either month has none. */
    dci_change: number | null;
    villages_reporting: number;
    villages_expected: number;
    reporting_rate: number | null;
    on_time: number;
    on_time_rate: number | null;
  };
  pillars: PillarScores;
  trend: { period: string; dci: number | null }[];
  children: BulletinChild[];
  missing: { total: number; villages: { code: string; name: string; district_name: string }[] };
  generated_at: string;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Ranked by DCI, best first; areas without a report follow, unranked, by name. */
function rankChildren(children: Omit<BulletinChild, 'rank'>[]): BulletinChild[] {
  const scored = children.filter((c) => c.dci !== null).sort((a, b) => b.dci! - a.dci!);
  const unscored = children
    .filter((c) => c.dci === null)
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    ...scored.map((child, i) => ({ ...child, rank: i + 1 })),
    ...unscored.map((child) => ({ ...child, rank: null })),
  ];
}

export async function buildBulletin(
  warehouse: Warehouse,
  area: Area & { level: BulletinLevel },
  parents: readonly Area[],
  period: string,
  now: Date,
): Promise<Bulletin> {
  const db = warehouse.db;
  const childLevel = BULLETIN_CHILD_LEVEL[area.level];
  const scope = { level: childLevel, parent: area.code, period };
  const [trend, scores, completeness, missing] = await Promise.all([
    getAreaTimeseries(db, {
      area: area.code,
      from: addMonths(period, 1 - TREND_MONTHS),
      to: period,
    }),
    listAreaScores(db, { ...scope, limit: CHILDREN_LIMIT }),
    getCompleteness(db, { ...scope, limit: CHILDREN_LIMIT }),
    listMissingVillages(db, { parent: area.code, period, limit: MISSING_LISTED }),
  ]);
  const current = trend.at(-1);
  const previous = trend.at(-2);
  const reach = new Map(completeness.map((row) => [row.code, row]));
  const totals = completeness.reduce(
    (sum, row) => ({
      expected: sum.expected + row.expected,
      reported: sum.reported + row.reported,
      on_time: sum.on_time + row.on_time,
    }),
    { expected: 0, reported: 0, on_time: 0 },
  );
  const dci = current?.dci ?? null;
  return {
    area: {
      code: area.code,
      name: area.name,
      level: area.level,
      parents: parents.map((p) => p.name),
    },
    period,
    child_level: childLevel,
    kpis: {
      dci,
      stage: dci === null ? null : stageOf(dci),
      dci_change:
        dci === null || previous?.dci === null || previous === undefined
          ? null
          : dci - previous.dci,
      villages_reporting: totals.reported,
      villages_expected: totals.expected,
      reporting_rate: ratio(totals.reported, totals.expected),
      on_time: totals.on_time,
      on_time_rate: ratio(totals.on_time, totals.expected),
    },
    pillars: current!.pillars,
    trend: trend.map((point) => ({ period: point.period, dci: point.dci })),
    children: rankChildren(
      scores.map((row) => {
        const counts = reach.get(row.code);
        return {
          code: row.code,
          name: row.name,
          dci: row.dci,
          stage: row.stage,
          pillars: row.pillars,
          reported: counts?.reported ?? row.villages_reporting,
          expected: counts?.expected ?? row.villages_expected,
          rate: counts?.rate ?? null,
        };
      }),
    ),
    missing: {
      total: missing.total,
      villages: missing.villages.map((v) => ({
        code: v.code,
        name: v.name,
        district_name: v.district_name,
      })),
    },
    generated_at: now.toISOString(),
  };
}

/** Whether `code` names an area that has a bulletin (a province, kabupaten or kecamatan). */
export function hasBulletin(code: string): boolean {
  return isBulletinLevel(levelOfCode(code));
}
