// Reading a request body with a ceiling: never more than the limit is read or held in memory.

/** A body over its limit: answered with 413. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';

  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes`);
  }
}

/**
 * The body of `request` as text. Refuses (BodyTooLarge) at once when Content-Length is over
 * `maxBytes`, else as soon as more than that has arrived, and stops reading there.
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The 413 in the error shape of the API. */
export function tooLargeResponse(error: BodyTooLarge): Response {
  return Response.json(
    {
      error: {
        code: 'payload_too_large',
        message: `This takes at most ${error.maxBytes.toLocaleString('en-US')} bytes`,
        details: [{ limit_bytes: error.maxBytes }],
      },
    },
    { status: 413 },
  );
}
