// Reads the first pieces of a stream to tell how to read it (its format, its CSV dialect), then
// gives the whole stream back, those pieces first.

/**
 * Reads pieces of `source` until `last(piece)` says one is the last needed (or the stream ends);
 * `head` holds them and `all` yields every piece of the stream, the head's again first.
 */
export async function peekPieces<T>(
  source: AsyncIterable<T>,
  last: (piece: T) => boolean,
): Promise<{ head: T[]; all: AsyncGenerator<T> }> {
  const pieces = source[Symbol.asyncIterator]();
  const head: T[] = [];
  for (;;) {
    const next = await pieces.next();
    if (next.done) break;
    head.push(next.value);
    if (last(next.value)) break;
  }
  async function* all(): AsyncGenerator<T> {
    yield* head;
    for (let next = await pieces.next(); !next.done; next = await pieces.next()) yield next.value;
  }
  return { head, all: all() };
}
