// The bootstrap admin token: ADMIN_TOKEN, or one generated at start. A generated one is written
// to DATA_DIR/admin-token (0600) for the CLIs and shown on the terminal, never in the logs.
import { generateAdminTokenFile } from '@pantau/config';
import type { Logger } from './logger';

export interface AdminToken {
  token: string;
  /** The file a generated token was written to; null when ADMIN_TOKEN was set. */
  file: string | null;
}

/** ADMIN_TOKEN when set (the environment's parser has refused placeholders), else a new one. */
export function resolveAdminToken(configured: string | undefined, dataDir: string): AdminToken {
  if (configured) return { token: configured, file: null };
  return generateAdminTokenFile(dataDir);
}

/** Where a generated token is shown: a terminal, if the process has one. */
export interface Terminal {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Says that a token was generated and where it is. The log line names only the file; the token
 * itself goes to the terminal, and only when stderr is one (not a file or a log collector).
 */
export function announceAdminToken(
  admin: AdminToken,
  logger: Logger,
  terminal: Terminal = process.stderr,
): void {
  if (!admin.file) return;
  logger.warn(
    { file: admin.file },
    'ADMIN_TOKEN was not set: generated one for this run, readable in the file (mode 0600)',
  );
  if (terminal.isTTY) terminal.write(`Admin token (generated for this run): ${admin.token}\n`);
}
