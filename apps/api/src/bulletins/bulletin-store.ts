// The monthly editions on disk: DATA_DIR/bulletins/<period>/<code>.<lang>.pdf, written whole
// (temp file, then rename) so a reader never sees half a PDF.
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPeriod } from '@pantau/domain';
import { BULLETIN_LANGS, type BulletinLang } from './bulletin-text';

export interface Edition {
  code: string;
  period: string;
  lang: BulletinLang;
  bytes: number;
  created_at: string;
}

const FILE = /^(\d{2}(?:\.\d{2})*)\.(id|en)\.pdf$/;

export function editionPath(dir: string, edition: Pick<Edition, 'code' | 'period' | 'lang'>) {
  return join(dir, edition.period, `${edition.code}.${edition.lang}.pdf`);
}

export async function saveEdition(
  dir: string,
  edition: Pick<Edition, 'code' | 'period' | 'lang'>,
  pdf: Uint8Array,
): Promise<void> {
  const path = editionPath(dir, edition);
  await mkdir(join(dir, edition.period), { recursive: true });
  const partial = `${path}.partial`;
  await writeFile(partial, pdf);
  await rename(partial, path);
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every stored edition, newest month first, then by area code. */
export async function listEditions(dir: string): Promise<Edition[]> {
  const periods = (await entries(dir)).filter(isPeriod).sort().reverse();
  const editions: Edition[] = [];
  for (const period of periods) {
    const month: Edition[] = [];
    for (const name of await entries(join(dir, period))) {
      const match = FILE.exec(name);
      if (!match || !(BULLETIN_LANGS as readonly string[]).includes(match[2]!)) continue;
      const info = await stat(join(dir, period, name));
      month.push({
        code: match[1]!,
        period,
        lang: match[2] as BulletinLang,
        bytes: info.size,
        created_at: info.mtime.toISOString(),
      });
    }
    month.sort((a, b) => a.code.localeCompare(b.code) || a.lang.localeCompare(b.lang));
    editions.push(...month);
  }
  return editions;
}
