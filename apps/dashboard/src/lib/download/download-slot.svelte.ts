// What a card can download: its charts and its table register here (Svelte context), and the
// card's download buttons read them. A page names what its downloads are about (area, period).
import { getContext, setContext, untrack } from 'svelte';
import type { echarts } from '$lib/charts/echarts';
import type { TableData } from './table-data';

const SLOT = Symbol('download-slot');
const SUBJECT = Symbol('download-subject');

export class DownloadSlot {
  charts: echarts.ECharts[] = $state([]);
  table: TableData | null = $state(null);

  /**
   * Adds a chart; the returned function takes it away again (on dispose). Called from the
   * chart's own effect, which must not come to depend on the list (it would re-create itself).
   */
  addChart(chart: echarts.ECharts): () => void {
    untrack(() => (this.charts = [...this.charts, chart]));
    return () => untrack(() => (this.charts = this.charts.filter((c) => c !== chart)));
  }
}

/** Called by a card: charts and tables inside it register with the slot it returns. */
export function provideDownloadSlot(): DownloadSlot {
  return setContext(SLOT, new DownloadSlot());
}

/** The slot of the card around a chart or a table; undefined outside any card. */
export function downloadSlot(): DownloadSlot | undefined {
  return getContext<DownloadSlot | undefined>(SLOT);
}

/**
 * Registers a table's data (what it shows, as it changes) with the card around it. Call from a
 * table component's script.
 */
export function registerTable(table: () => TableData): void {
  const slot = downloadSlot();
  if (!slot) return;
  $effect(() => {
    slot.table = table();
    return () => {
      slot.table = null;
    };
  });
}

/** Called by a page: what its downloads are about, as words for file names ([area, period]). */
export function provideDownloadSubject(parts: () => readonly string[]): void {
  setContext(SUBJECT, parts);
}

/**
 * What the page's downloads are about, read when a file is made: the view (area, period) may
 * have changed since the card was created, as navigation keeps the page's components.
 */
export function downloadSubject(): () => readonly string[] {
  return getContext<(() => readonly string[]) | undefined>(SUBJECT) ?? (() => []);
}
