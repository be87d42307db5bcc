import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('reads a relative DATA_DIR against the repository root, an absolute one as it is', () => {
    expect(existsSync(join(REPO_ROOT, 'scripts/start.mjs'))).toBe(true);
    expect(resolveDataDir('./data')).toBe(join(REPO_ROOT, 'data'));
    expect(resolveDataDir('/srv/pantau')).toBe('/srv/pantau');
  });
});
