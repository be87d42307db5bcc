// One area's bulletin, from the warehouse to PDF bytes: data, then HTML, then Chromium.
import type { Warehouse } from '@pantau/warehouse';
import { areaDirectoryOf } from '../read/area-directory';
import { buildBulletin, isBulletinLevel, type Bulletin } from './bulletin-data';
import { bulletinHtml } from './bulletin-html';
import type { BulletinLang } from './bulletin-text';
import type { PdfRenderer } from './pdf-renderer';

export class NoBulletin extends Error {
  constructor(code: string) {
    super(`${code} is not a province, kabupaten or kecamatan of the hierarchy`);
    this.name = 'NoBulletin';
  }
}

/** The bulletin of `code` for `period`; callers check the caller's scope first. */
export async function loadBulletin(
  warehouse: Warehouse,
  code: string,
  period: string,
  now: Date,
): Promise<Bulletin> {
  const directory = areaDirectoryOf(warehouse);
  const [found, ancestors] = await Promise.all([
    directory.find([code]),
    directory.ancestorsOf([code]),
  ]);
  const area = found.get(code);
  if (!area || !isBulletinLevel(area.level)) throw new NoBulletin(code);
  return buildBulletin(
    warehouse,
    { ...area, level: area.level },
    ancestors.get(code) ?? [],
    period,
    now,
  );
}

export async function renderBulletinPdf(
  warehouse: Warehouse,
  renderer: PdfRenderer,
  request: { code: string; period: string; lang: BulletinLang; now: Date },
): Promise<Buffer> {
  const bulletin = await loadBulletin(warehouse, request.code, request.period, request.now);
  return renderer.pdf(bulletinHtml(bulletin, request.lang));
}
