// Decodes a byte stream into text pieces (UTF-8, BOM removed) without holding it whole.

const BOM = '\uFEFF';

export async function* decodeText(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const piece of body) {
    let text = typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
    if (first && text.length > 0) {
      if (text.startsWith(BOM)) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
