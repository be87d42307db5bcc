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

/** `<code>.<lang>.pdf`, for the languages a bulletin is written in. */
const FILE = new RegExp(`^(\\d{2}(?:\\.\\d{2})*)\\.(${BULLETIN_LANGS.join('|')})\\.pdf$`);

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

/** The editions stored for one month, by area code then language. */
async function monthEditions(dir: string, period: string): Promise<Edition[]> {
  const files = (await entries(join(dir, period))).flatMap((name) => {
    const match = FILE.exec(name);
    return match ? [{ name, code: match[1]!, lang: match[2] as BulletinLang }] : [];
  });
  // A month holds hundreds of editions: their stats run together, not one after another.
  const month = await Promise.all(
    files.map(async ({ name, code, lang }) => {
      const info = await stat(join(dir, period, name));
      return { code, period, lang, bytes: info.size, created_at: info.mtime.toISOString() };
    }),
  );
  return month.sort((a, b) => a.code.localeCompare(b.code) || a.lang.localeCompare(b.lang));
}

/** Every stored edition, newest month first, then by area code. */
export async function listEditions(dir: string): Promise<Edition[]> {
  const periods = (await entries(dir)).filter(isPeriod).sort().reverse();
  const months = await Promise.all(periods.map((period) => monthEditions(dir, period)));
  return months.flat();
}
