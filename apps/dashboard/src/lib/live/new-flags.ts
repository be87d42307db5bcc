// The quality flags a live load raised, as the feed shows them: a count linking to /kualitas.
// A live load leaves its aggregates and flags to a refresh right after it, announced as an event
// of its own with no submissions: the feed adds that refresh's flags to the load they belong to.
import { QUALITY_METHODS, type FlagCounts, type ReportsLoadedEvent } from '@pantau/domain';
import type { MessageKey } from '$lib/i18n';
import {
  INDICATOR_PARAM,
  METHOD_PARAM,
  PAGE_PARAM,
  STATUS_PARAM,
} from '$lib/features/quality/quality';
import { hrefWith, PERIOD_PARAM } from '$lib/view/view-state';

export const QUALITY_PATH = '/kualitas';

export interface NewFlagsLink {
  count: number;
  /** The message saying how many (one flag, or several). */
  key: Extract<MessageKey, 'live.newFlag' | 'live.newFlags'>;
  href: string;
}

/** An event's new flags; an API older than the field sends none (read as no new flags). */
type FlaggedEvent = Pick<ReportsLoadedEvent, 'periods'> & { new_flags?: FlagCounts };

/**
 * The link to the quality page for the flags `event` raised, or null when it raised none. The
 * page shows the latest of the event's periods (flags of later periods are a filter away) and,
 * when all the new flags share one method, that method, with no other filter; the shared
 * parameters of `current` (language, metric) are kept.
 */
export function newFlagsLink(current: URL, event: FlaggedEvent): NewFlagsLink | null {
  const flags = event.new_flags;
  const count = flags?.total;
  if (!flags || typeof count !== 'number' || !(count > 0)) return null;
  const methods = QUALITY_METHODS.filter((method) => flags[method] > 0);
  const period = [...event.periods].sort().at(-1) ?? null;
  return {
    count,
    key: count === 1 ? 'live.newFlag' : 'live.newFlags',
    href: hrefWith(current, QUALITY_PATH, {
      [PERIOD_PARAM]: period,
      [METHOD_PARAM]: methods.length === 1 ? methods[0] : null,
      [STATUS_PARAM]: null,
      [INDICATOR_PARAM]: null,
      [PAGE_PARAM]: null,
    }),
  };
}

/** A load (some submissions), not a refresh of aggregates (none). */
export function isLoad(event: Pick<ReportsLoadedEvent, 'counts'>): boolean {
  return Object.values(event.counts).some((count) => count > 0);
}

function addFlags(a: FlagCounts | undefined, b: FlagCounts): FlagCounts {
  return {
    total: (a?.total ?? 0) + b.total,
    history: (a?.history ?? 0) + b.history,
    peer: (a?.peer ?? 0) + b.peer,
    stuck: (a?.stuck ?? 0) + b.stuck,
  };
}

/**
 * The feed's loads (newest first) with the new flags of `refresh` added to the newest load of a
 * kecamatan it refreshed; unchanged when it raised none or refreshed no kecamatan listed.
 */
export function withRefreshFlags<E extends ReportsLoadedEvent>(loads: E[], refresh: E): E[] {
  const flags = refresh.new_flags;
  if (!flags || !(flags.total > 0)) return loads;
  const refreshed = new Set(refresh.districts);
  const index = loads.findIndex((load) => load.districts.some((d) => refreshed.has(d)));
  if (index < 0) return loads;
  return loads.map((load, i) =>
    i === index ? { ...load, new_flags: addFlags(load.new_flags, flags) } : load,
  );
}
