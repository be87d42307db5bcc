// Re-runs the loads of the open view whose API requests a burst of `reports.loaded` events touched.
import { invalidate } from '$app/navigation';
import type { ReportsLoadedEvent } from '@pantau/domain';
import { mergeScopes, touches, type LoadedScope } from './touches';

/** Loads arrive in bursts during an import; refresh at most this often. */
const REFRESH_EVERY_MS = 1_500;

export function createLiveRefresh(
  latest: () => string | null,
  refresh: (predicate: (url: URL) => boolean) => Promise<void> = invalidate,
) {
  let pending: LoadedScope[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush() {
    timer = null;
    const scope = mergeScopes(pending);
    pending = [];
    const latestPeriod = latest();
    void refresh((url) => touches(url, scope, latestPeriod));
  }

  return {
    receive(event: ReportsLoadedEvent) {
      pending.push({ periods: event.periods, districts: event.districts });
      timer ??= setTimeout(flush, REFRESH_EVERY_MS);
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = [];
    },
  };
}
