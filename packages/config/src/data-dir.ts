// Where DATA_DIR is: a relative one is read against the repository root, as `npm start` reads it,
// so the CLIs (which npm runs inside their workspace) find the running system's data.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/config/src/data-dir.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export function resolveDataDir(dataDir: string): string {
  return resolve(REPO_ROOT, dataDir);
}
