import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  adminTokenPath,
  generateAdminToken,
  readAdminTokenFile,
  writeAdminTokenFile,
} from './admin-token-file';
import { isPlaceholderToken, parseEnv } from './index';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-config-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the admin token file', () => {
  it('is written for its owner only and read back', () => {
    const dir = tempDir();
    const path = writeAdminTokenFile(dir, 'generated-token-0123456789');
    expect(path).toBe(adminTokenPath(dir));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readAdminTokenFile(dir)).toBe('generated-token-0123456789');
  });

  it('narrows the mode of a file that was readable by others', () => {
    const dir = tempDir();
    writeFileSync(adminTokenPath(dir), 'old\n', { mode: 0o644 });
    writeAdminTokenFile(dir, 'new-token-0123456789');
    expect(statSync(adminTokenPath(dir)).mode & 0o777).toBe(0o600);
    expect(readAdminTokenFile(dir)).toBe('new-token-0123456789');
  });

  it('holds a generated token that passes the ADMIN_TOKEN checks', () => {
    const token = generateAdminToken();
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(isPlaceholderToken(token)).toBe(false);
    expect(parseEnv(['ADMIN_TOKEN'], { ADMIN_TOKEN: token }).ADMIN_TOKEN).toBe(token);
    expect(generateAdminToken()).not.toBe(token);
  });

  it('reads as null when there is none', () => {
    expect(readAdminTokenFile(tempDir())).toBeNull();
  });
});
