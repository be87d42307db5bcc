// A village's page (its reports, replaced reports, submissions and cadre) kept between loads.
// A load writes the lineage of the villages its submissions name and no other (the warehouse
// says which: villageChangesSince); the first read after it re-reads those villages only, not
// every village read since the last write.
import {
  getVillageCadre,
  getVillageReports,
  type VillageCadre,
  type Warehouse,
} from '@pantau/warehouse';
import { perWarehouse } from './per-warehouse';

/** Villages kept: the pages of a busy hour of readers (a page is tens of KB). */
const KEPT_VILLAGES = 1_000;

export interface VillagePage extends Awaited<ReturnType<typeof getVillageReports>> {
  cadre: VillageCadre | null;
}

export class VillageMemo {
  /** Per village, least recently read first: its pages by limit (reads under way included). */
  private readonly villages = new Map<string, Map<number, Promise<VillagePage>>>();
  /** The warehouse version the kept pages are at least as new as. */
  private version: number;

  constructor(private readonly warehouse: Warehouse) {
    this.version = warehouse.version;
  }

  /** `village`'s page with its last `limit` reports, replaced reports and submissions. */
  page(village: string, limit: number): Promise<VillagePage> {
    this.dropChanged();
    const pages = this.villages.get(village) ?? new Map<number, Promise<VillagePage>>();
    this.villages.delete(village);
    this.villages.set(village, pages);
    if (this.villages.size > KEPT_VILLAGES)
      this.villages.delete(this.villages.keys().next().value!);
    let page = pages.get(limit);
    if (!page) {
      page = this.read(village, limit);
      pages.set(limit, page);
      // A failed read is not kept: the next one tries again.
      page.catch(() => pages.get(limit) === page && pages.delete(limit));
    }
    return page;
  }

  private async read(village: string, limit: number): Promise<VillagePage> {
    // Lineage alone: a load's reports show here as soon as it commits, before its aggregates.
    const db = this.warehouse.lineageDb;
    const [lineage, cadre] = await Promise.all([
      getVillageReports(db, village, limit),
      getVillageCadre(db, village),
    ]);
    return { ...lineage, cadre };
  }

  /**
   * Drops the pages of villages the commits since changed, or every page when the warehouse
   * cannot say. Synchronous, before a read starts: a read under way when a commit lands is
   * dropped by the next call, as it may hold the data before or after it.
   */
  private dropChanged(): void {
    const version = this.warehouse.version;
    if (version === this.version) return;
    const changed = this.warehouse.villageChangesSince(this.version);
    if (changed === null) this.villages.clear();
    else for (const village of changed) this.villages.delete(village);
    this.version = version;
  }
}

/** The village memo of a warehouse (one per warehouse, made on first use). */
export const villageMemoOf = perWarehouse((warehouse) => new VillageMemo(warehouse));
