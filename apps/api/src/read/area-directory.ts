// The hierarchy in memory, so checking the areas a request names costs no query.
import { hierarchyOf, type Area, type Warehouse } from '@pantau/warehouse';
import { perWarehouse } from './per-warehouse';

/** All areas by code: the warehouse's hierarchy in memory (hierarchyOf), loaded on first use. */
export class AreaDirectory {
  constructor(private readonly warehouse: Warehouse) {}

  private async load(): Promise<ReadonlyMap<string, Area>> {
    return (await hierarchyOf(this.warehouse.db)).byCode;
  }

  /**
   * Each area's administrative ancestors from the province down (the breadcrumb), by code: a
   * walk up parent codes in memory, so a page of search results costs no query.
   */
  async ancestorsOf(codes: readonly string[]): Promise<Map<string, Area[]>> {
    const all = await this.load();
    const result = new Map<string, Area[]>();
    for (const code of codes) {
      const chain: Area[] = [];
      let parent = all.get(code)?.parent_code ?? null;
      while (parent !== null) {
        const area = all.get(parent);
        if (!area) break;
        chain.unshift(area);
        parent = area.parent_code;
      }
      result.set(code, chain);
    }
    return result;
  }

  /** The areas among `codes` that exist, by code. */
  async find(codes: readonly string[]): Promise<Map<string, Area>> {
    const all = await this.load();
    const found = new Map<string, Area>();
    for (const code of codes) {
      const area = all.get(code);
      if (area) found.set(code, area);
    }
    return found;
  }
}

/** The area directory of a warehouse (one per warehouse, made on first use). */
export const areaDirectoryOf = perWarehouse((warehouse) => new AreaDirectory(warehouse));
