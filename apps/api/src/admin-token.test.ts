import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAdminTokenFile } from '@pantau/config';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { announceAdminToken, resolveAdminToken } from './admin-token';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-admin-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A logger whose lines land in a string, and a terminal that may or may not be one. */
function capture(isTTY: boolean) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  const shown: string[] = [];
  return { logger, lines, shown, terminal: { isTTY, write: (text: string) => shown.push(text) } };
}

describe('the admin token', () => {
  it('is ADMIN_TOKEN when set, and no file is written', () => {
    const dir = tempDir();
    expect(resolveAdminToken('kq3Zt0pW8vS1yXbN4mR7cJ2hF6dL9aEg', dir)).toEqual({
      token: 'kq3Zt0pW8vS1yXbN4mR7cJ2hF6dL9aEg',
      file: null,
    });
    expect(readAdminTokenFile(dir)).toBeNull();
  });

  it('is generated into DATA_DIR/admin-token, readable by its owner only, when unset', () => {
    const dir = tempDir();
    const admin = resolveAdminToken(undefined, dir);
    expect(admin.file).toBe(join(dir, 'admin-token'));
    expect(statSync(admin.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(admin.file!, 'utf8').trim()).toBe(admin.token);
  });

  it('is shown on a terminal and never written to the log', () => {
    const admin = resolveAdminToken(undefined, tempDir());
    const tty = capture(true);
    announceAdminToken(admin, tty.logger, tty.terminal);
    expect(tty.shown.join('')).toContain(admin.token);
    expect(tty.lines.join('')).toContain(admin.file!);
    expect(tty.lines.join('')).not.toContain(admin.token);

    // Output going to a file or a collector is a log too: the token stays in its file.
    const piped = capture(false);
    announceAdminToken(admin, piped.logger, piped.terminal);
    expect(piped.shown).toEqual([]);
    expect(piped.lines.join('')).not.toContain(admin.token);
  });
});
