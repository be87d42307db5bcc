// The generated admin token's file in DATA_DIR: written by whoever generates it, read by the CLIs.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_TOKEN_FILE = 'admin-token';
/** Owner read/write only: the file holds the key to everything. */
const OWNER_ONLY = 0o600;
/** 192 random bits, 32 characters of base64url. */
const ADMIN_TOKEN_BYTES = 24;

/** A new random admin token, for a run without ADMIN_TOKEN. */
export function generateAdminToken(): string {
  return randomBytes(ADMIN_TOKEN_BYTES).toString('base64url');
}

export function adminTokenPath(dataDir: string): string {
  return join(dataDir, ADMIN_TOKEN_FILE);
}

/**
 * Writes `token` to DATA_DIR/admin-token (making the dir if need be), readable by its owner
 * only, and returns the path. The file is written beside its final name and renamed, so a
 * reader never sees half a token.
 */
export function writeAdminTokenFile(dataDir: string, token: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = adminTokenPath(dataDir);
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, `${token}\n`, { mode: OWNER_ONLY });
  // The mode of a new file is masked by the umask; say it once more, plainly.
  chmodSync(partial, OWNER_ONLY);
  renameSync(partial, path);
  return path;
}

/** A new admin token, written to DATA_DIR/admin-token for the CLIs: the token and the file. */
export function generateAdminTokenFile(dataDir: string): { token: string; file: string } {
  const token = generateAdminToken();
  return { token, file: writeAdminTokenFile(dataDir, token) };
}

/** The token in DATA_DIR/admin-token, or null when there is no such file. */
export function readAdminTokenFile(dataDir: string): string | null {
  try {
    return readFileSync(adminTokenPath(dataDir), 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
