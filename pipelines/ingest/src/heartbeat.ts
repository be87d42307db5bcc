// A file a process without an HTTP port rewrites while it is healthy: a container's HEALTHCHECK
// reads how old it is.
import { rename, writeFile } from 'node:fs/promises';

/** How often the file is rewritten; a check allows a few missed beats. */
export const HEARTBEAT_INTERVAL_MS = 5_000;

export interface Heartbeat {
  stop(): void;
}

/** Rewrites `path` with the time now, every interval while `healthy()` says so. */
export function startHeartbeat(
  path: string,
  healthy: () => boolean,
  intervalMs = HEARTBEAT_INTERVAL_MS,
): Heartbeat {
  const temporary = `${path}.${process.pid}.tmp`;
  const beat = () => {
    if (!healthy()) return;
    // Renamed into place, so a reader never sees it half written. A beat that cannot be
    // written is a missed beat: the check then fails, as it should.
    writeFile(temporary, new Date().toISOString())
      .then(() => rename(temporary, path))
      .catch(() => undefined);
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  return { stop: () => clearInterval(timer) };
}
