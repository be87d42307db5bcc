// The live stream's hub: loader events fanned out to every open /live stream, each event
// serialised once per view, a cap on streams, and a bounded buffer per stream.
import { REPORTS_LOADED, type ReportsLoadedEvent } from '@pantau/domain';
import type { LiveView } from '../auth/visibility';

/** Proxies and browsers drop idle connections; a comment line every 15 s keeps them open. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after the stream drops. */
export const RETRY_MS = 3_000;

export interface LiveFeedOptions {
  /** Streams open at once; `open` refuses one more. */
  maxConnections: number;
  /**
   * Bytes a stream may hold that its client has not read yet. A client more than that far
   * behind when the next event comes is dropped: its memory is freed, its stream ends, and its
   * browser reconnects.
   */
  clientBufferBytes: number;
  heartbeatMs?: number;
}

interface Client {
  view: LiveView;
  controller: ReadableStreamDefaultController<Uint8Array>;
  /** Frames the client has not asked for yet, oldest first, and their size. */
  queue: Uint8Array[];
  queuedBytes: number;
  /** The client asked for more and nothing was waiting: the next frame goes straight out. */
  reading: boolean;
}

const encoder = new TextEncoder();
const PRELUDE = encoder.encode(`retry: ${RETRY_MS}\n: connected\n\n`);
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/** One Server-Sent Event: `event`, `id` and the JSON on one `data` line (JSON has no newlines). */
function frame(event: { batch_id: string }): Uint8Array {
  return encoder.encode(
    `event: ${REPORTS_LOADED}\nid: ${event.batch_id}\ndata: ${JSON.stringify(event)}\n\n`,
  );
}

export class LiveFeed {
  private readonly clients = new Set<Client>();
  private readonly options: Required<LiveFeedOptions>;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private dropped = 0;

  constructor(options: LiveFeedOptions) {
    this.options = { heartbeatMs: HEARTBEAT_MS, ...options };
  }

  /**
   * Opens a stream that shows events through `view`, or null when the cap is reached. The
   * stream starts with the reconnect delay and a `: connected` comment.
   */
  open(view: LiveView): ReadableStream<Uint8Array> | null {
    if (this.clients.size >= this.options.maxConnections) return null;
    let client: Client | undefined;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          client = { view, controller, queue: [], queuedBytes: 0, reading: false };
          this.clients.add(client);
          this.startHeartbeat();
          controller.enqueue(PRELUDE);
        },
        // Called when the reader (the HTTP server, as the socket drains) wants the next frame.
        pull: () => {
          if (!client) return;
          const next = client.queue.shift();
          if (next) {
            client.queuedBytes -= next.byteLength;
            client.controller.enqueue(next);
          } else client.reading = true;
        },
        cancel: () => {
          if (client) this.remove(client);
        },
      },
      // Nothing is queued ahead of the reader's asking: the client's backlog is ours to bound.
      { highWaterMark: 0 },
    );
  }

  /** Sends `event` to every stream whose view shows it, serialising it once per view. */
  publish(event: ReportsLoadedEvent): void {
    const frames = new Map<string, Uint8Array | null>();
    for (const client of this.clients) {
      let bytes = frames.get(client.view.key);
      if (bytes === undefined) {
        const visible = client.view.project(event);
        bytes = visible ? frame(visible) : null;
        frames.set(client.view.key, bytes);
      }
      if (bytes) this.send(client, bytes);
    }
  }

  /** Streams open now. */
  get connections(): number {
    return this.clients.size;
  }

  /** Streams dropped so far because their client read too slowly. */
  get slowClientsDropped(): number {
    return this.dropped;
  }

  private send(client: Client, bytes: Uint8Array): void {
    if (client.reading) {
      client.reading = false;
      client.controller.enqueue(bytes);
      return;
    }
    if (client.queuedBytes > this.options.clientBufferBytes) {
      // Still more than the whole buffer behind: end its stream and free what it held. The
      // response ends cleanly, and a browser's EventSource reconnects after RETRY_MS.
      this.dropped++;
      this.remove(client);
      client.queue = [];
      client.queuedBytes = 0;
      client.controller.close();
      return;
    }
    client.queue.push(bytes);
    client.queuedBytes += bytes.byteLength;
  }

  private remove(client: Client): void {
    this.clients.delete(client);
    if (this.clients.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) this.send(client, HEARTBEAT);
    }, this.options.heartbeatMs);
    // An idle hub never keeps a process alive on its own.
    this.heartbeat.unref();
  }
}
