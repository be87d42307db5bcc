// The one EventSource of the app: `reports.loaded` events from /api/v1/live, shared by every view.
import type { ReportsLoadedEvent } from '@pantau/domain';
import { isLoad, withRefreshFlags } from './new-flags';

export const LIVE_PATH = '/api/v1/live';
/**
 * The SSE event name and `type` of a load (the domain's REPORTS_LOADED), spelt here through its
 * type so that the browser bundle does not pull in the domain's zod schemas.
 */
export const REPORTS_LOADED: ReportsLoadedEvent['type'] = 'reports.loaded';
/** Events the live feed card lists; older ones drop off. */
const KEPT_EVENTS = 30;

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'retrying' | 'closed';
/** The words for each status, as message keys. */
export const LIVE_STATUS_TEXT = {
  idle: 'live.connecting',
  connecting: 'live.connecting',
  open: 'live.connected',
  retrying: 'live.disconnected',
  closed: 'live.closed',
} as const satisfies Record<LiveStatus, string>;

export type LiveListener = (event: ReportsLoadedEvent) => void;

/** Checks the fields views rely on, without shipping a schema library to the browser. */
export function parseLoadedEvent(data: string): ReportsLoadedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const event = value as Partial<ReportsLoadedEvent>;
  if (event.type !== REPORTS_LOADED) return null;
  if (!Array.isArray(event.periods) || !Array.isArray(event.districts)) return null;
  if (typeof event.committed_at !== 'string' || typeof event.counts !== 'object') return null;
  return event as ReportsLoadedEvent;
}

class LiveFeed {
  status: LiveStatus = $state('idle');
  /** Newest first. */
  events: ReportsLoadedEvent[] = $state([]);

  private source: EventSource | null = null;
  private readonly listeners = new Set<LiveListener>();

  /** Opens the stream once; later calls do nothing. Browser only. */
  connect(): void {
    if (this.source || typeof EventSource === 'undefined') return;
    this.status = 'connecting';
    const source = new EventSource(LIVE_PATH);
    this.source = source;
    source.addEventListener('open', () => {
      this.status = 'open';
    });
    // EventSource reconnects by itself; this only tells the user.
    source.addEventListener('error', () => {
      this.status = source.readyState === EventSource.CLOSED ? 'closed' : 'retrying';
    });
    const receive = (message: MessageEvent<string>) => this.receive(message.data);
    source.addEventListener(REPORTS_LOADED, receive);
    source.addEventListener('message', receive);
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(data: string): void {
    const event = parseLoadedEvent(data);
    if (!event) return;
    // The card lists loads; a refresh of aggregates (no submissions) adds its flags to theirs.
    this.events = isLoad(event)
      ? [event, ...this.events].slice(0, KEPT_EVENTS)
      : withRefreshFlags(this.events, event);
    for (const listener of this.listeners) listener(event);
  }
}

export const liveFeed = new LiveFeed();
