// Reading a streamed response body (the SSE stream) in tests.

/** Reads the stream until `text` has arrived, or fails after `timeoutMs`; returns what came. */
export async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  text: string,
  timeoutMs: number,
): Promise<string> {
  const decoder = new TextDecoder();
  let received = '';
  const deadline = Date.now() + timeoutMs;
  while (!received.includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; got ${received}`);
    const { value, done } = await reader.read();
    if (done) break;
    received += decoder.decode(value, { stream: true });
  }
  return received;
}
