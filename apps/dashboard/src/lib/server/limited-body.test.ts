import { describe, expect, it } from 'vitest';
import { BodyTooLarge, readLimitedText, tooLargeResponse } from './limited-body';

/** A request whose body arrives in `pieces`, each only when read, without a Content-Length. */
function streamed(pieces: string[], onPull?: () => void): Request {
  let next = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onPull?.();
        const piece = pieces[next++];
        if (piece === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(piece));
      },
    },
    { highWaterMark: 0 },
  );
  return new Request('http://dash.test/session', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('readLimitedText', () => {
  it('reads a body within the limit', async () => {
    expect(await readLimitedText(streamed(['{"token":', '"abc"}']), 64)).toBe('{"token":"abc"}');
  });

  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    let pulled = 0;
    const request = streamed(['x'.repeat(100)], () => pulled++);
    request.headers.set('content-length', '100');
    await expect(readLimitedText(request, 64)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(pulled).toBe(0);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    let pulled = 0;
    const pieces = Array.from({ length: 1_000 }, () => 'x'.repeat(32));
    await expect(
      readLimitedText(
        streamed(pieces, () => pulled++),
        64,
      ),
    ).rejects.toThrow(/larger than 64 bytes/);
    expect(pulled).toBeLessThan(10);
  });
});

describe('tooLargeResponse', () => {
  it('answers 413 in the error shape', async () => {
    const res = tooLargeResponse(new BodyTooLarge(4_096));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'This takes at most 4,096 bytes',
        details: [{ limit_bytes: 4_096 }],
      },
    });
  });
});
