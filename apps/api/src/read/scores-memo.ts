// `/scores` rows kept between loads, serialised (UTF-8 bytes: a body is their concatenation).
// A load changes the scores of a few kecamatan and the areas above them; the first read after it
// re-reads and re-serialises those rows only (the warehouse says which: scoreChangesSince), not
// a month of the whole country.
import { COUNTRY_CODE, districtHolder } from '@pantau/domain';
import {
  areaScoreOf,
  expectedCounts,
  hierarchyOf,
  scoreRowsByCode,
  type Area,
  type Hierarchy,
  type AreaScoresQuery,
  type ScoreScope,
  type Warehouse,
} from '@pantau/warehouse';
import { ByteLru } from './byte-lru';
import { perWarehouse } from './per-warehouse';

/** Memory for kept pages: every kecamatan of a few dozen months. */
const MEMO_BYTES = 64 * 1024 * 1024;

/** One (level, parent, period): every area inside, in code order, as `/scores` rows in JSON. */
interface Page {
  /** The warehouse version the rows are at least as new as. */
  version: number;
  hierarchy: Hierarchy;
  areas: Area[];
  json: Map<string, Buffer>;
  expected: Map<string, number>;
  /** Refreshes run one at a time, so an older one never overwrites a newer one's rows. */
  refreshed: Promise<void>;
}

type PageQuery = Omit<AreaScoresQuery, 'limit' | 'asOf'>;

/** Codes of the page's areas whose scores the `changes` of its period touched. */
function touchedCodes(page: Page, query: PageQuery, changes: readonly ScoreScope[]): string[] {
  const codes = new Set<string>();
  for (const { period, district_code } of changes) {
    if (period !== query.period) continue;
    const touched =
      query.level === 'village'
        ? page.hierarchy.inside('village', district_code).map((village) => village.code)
        : [districtHolder(query.level, district_code)];
    for (const code of touched) if (code !== null && page.json.has(code)) codes.add(code);
  }
  return [...codes];
}

function sizeOf(page: Page): number {
  let bytes = 0;
  for (const [code, json] of page.json) bytes += 2 * code.length + json.byteLength + 64;
  return bytes;
}

export class ScoresMemo {
  private readonly pages = new ByteLru<Page>(MEMO_BYTES);

  constructor(private readonly warehouse: Warehouse) {}

  /** The first `limit` areas of `level` inside `parent` as `/scores` rows in JSON, in code order. */
  async rows(query: PageQuery & { limit: number }): Promise<Uint8Array[]> {
    const key = `${query.level}|${query.parent ?? COUNTRY_CODE}|${query.period}`;
    const kept = this.pages.get(key);
    const page = kept ? await this.upToDate(key, kept, query) : await this.build(key, query);
    return page.areas.slice(0, query.limit).map((area) => page.json.get(area.code)!);
  }

  /** Reads every row of a page, and keeps it. */
  private async build(key: string, query: PageQuery): Promise<Page> {
    const version = this.warehouse.version;
    const db = this.warehouse.db;
    const [hierarchy, scores, expected] = await Promise.all([
      hierarchyOf(db),
      scoreRowsByCode(db, query),
      expectedCounts(db, query.level),
    ]);
    const areas = hierarchy.inside(query.level, query.parent);
    const json = new Map<string, Buffer>();
    for (const area of areas) {
      const row = areaScoreOf(area, scores.get(area.code), expected.get(area.code) ?? 0);
      json.set(area.code, Buffer.from(JSON.stringify(row)));
    }
    const page: Page = { version, hierarchy, areas, json, expected, refreshed: Promise.resolve() };
    this.pages.set(key, page, sizeOf(page));
    return page;
  }

  /** `page` refreshed after those already under way (a failed refresh is tried again next time). */
  private upToDate(key: string, page: Page, query: PageQuery): Promise<Page> {
    const refreshing = page.refreshed.then(() => this.refresh(key, page, query));
    page.refreshed = refreshing.then(
      () => undefined,
      () => undefined,
    );
    return refreshing;
  }

  /**
   * `page` at the warehouse's version: the rows the commits since touched re-read, or the whole
   * page rebuilt when the warehouse cannot say what they changed.
   */
  private async refresh(key: string, page: Page, query: PageQuery): Promise<Page> {
    const version = this.warehouse.version;
    if (page.version === version) return page;
    const changes = this.warehouse.scoreChangesSince(page.version);
    if (changes === null) return this.build(key, query);
    const codes = touchedCodes(page, query, changes);
    const scores = codes.length > 0 ? await scoreRowsByCode(this.warehouse.db, query, codes) : null;
    for (const code of codes) {
      const area = page.hierarchy.byCode.get(code)!;
      const row = areaScoreOf(area, scores!.get(code), page.expected.get(code) ?? 0);
      page.json.set(code, Buffer.from(JSON.stringify(row)));
    }
    page.version = version;
    return page;
  }
}

/** The scores memo of a warehouse (one per warehouse, made on first use). */
export const scoresMemoOf = perWarehouse((warehouse) => new ScoresMemo(warehouse));
