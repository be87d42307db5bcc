// Renders a month's bulletins into the store: every province and kabupaten/kota by default.
import { addMonths, periodOfInstant } from '@pantau/domain';
import { hierarchyOf, type Warehouse } from '@pantau/warehouse';
import type { BulletinsJob } from './bulletins.job';
import { saveEdition } from './bulletin-store';
import type { BulletinLang } from './bulletin-text';
import type { PdfRenderer } from './pdf-renderer';
import { renderBulletinPdf } from './render-bulletin';

export interface BulletinsDeps {
  warehouse: Warehouse;
  renderer: PdfRenderer;
  /** DATA_DIR/bulletins */
  dir: string;
  clock: () => Date;
}

/** Scheduled editions are in Indonesian, the language of the offices they go to. */
export const EDITION_LANG: BulletinLang = 'id';
const SCHEDULED_LEVELS = new Set(['province', 'regency']);

async function scheduledCodes(warehouse: Warehouse): Promise<string[]> {
  const { byCode } = await hierarchyOf(warehouse.db);
  return [...byCode.values()]
    .filter((a) => SCHEDULED_LEVELS.has(a.level))
    .map((a) => a.code)
    .sort();
}

/**
 * Idempotent: a rerun (a retry, a crash) writes the same files again. Reports `done` of `total`
 * after each area so the job's progress shows.
 */
export async function renderMonthlyBulletins(
  deps: BulletinsDeps,
  job: BulletinsJob,
  progress: (done: number, total: number) => Promise<void> = async () => undefined,
): Promise<{ period: string; rendered: number }> {
  const now = deps.clock();
  const period = job.period ?? addMonths(periodOfInstant(now.getTime()), -1);
  const codes = job.codes ?? (await scheduledCodes(deps.warehouse));
  let done = 0;
  for (const code of codes) {
    const pdf = await renderBulletinPdf(deps.warehouse, deps.renderer, {
      code,
      period,
      lang: EDITION_LANG,
      now,
    });
    await saveEdition(deps.dir, { code, period, lang: EDITION_LANG }, pdf);
    done++;
    await progress(done, codes.length);
  }
  return { period, rendered: done };
}
