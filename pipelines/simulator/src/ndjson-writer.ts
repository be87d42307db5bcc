// Writes simulated reports as NDJSON (one JSON report per line), streaming with backpressure.
import type { Writable } from 'node:stream';
import type { SimulatedItem } from './simulated-item';
import { writeLines, type Source, type WriteSummary } from './write-lines';

/** Writes one line per item; the caller owns the stream and ends it. */
export function writeNdjson(
  items: Source<SimulatedItem>,
  stream: Writable,
  { onProgress }: { onProgress?: (progress: WriteSummary) => void } = {},
): Promise<WriteSummary> {
  return writeLines(items, (item) => `${JSON.stringify(item.report)}\n`, stream, { onProgress });
}
