// In-process fan-out of loader events to every open live stream.
import type { ReportsLoadedEvent } from '@pantau/domain';

export type LiveListener = (event: ReportsLoadedEvent) => void;

export class LiveFeed {
  private readonly listeners = new Set<LiveListener>();
  private last: ReportsLoadedEvent | null = null;

  publish(event: ReportsLoadedEvent): void {
    this.last = event;
    for (const listener of this.listeners) listener(event);
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastEvent(): ReportsLoadedEvent | null {
    return this.last;
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
