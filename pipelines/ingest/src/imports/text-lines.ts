// Decodes a byte stream into text pieces (UTF-8, BOM removed) without holding it whole. Bytes that
// are not UTF-8 are not silently replaced: each becomes a lone surrogate (U+DC80–U+DCFF, as
// Python's "surrogateescape" does), so that validation rejects the record that holds them.

const BOM = '\uFEFF';

/** The lone surrogate standing for an invalid byte (always ≥ 0x80). */
function escapeByte(byte: number): string {
  return String.fromCharCode(0xdc00 + byte);
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether `byte` may follow `lead` as the second byte of a sequence (no overlongs, surrogates or > U+10FFFF). */
function validSecond(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

/** Bytes at the end of `bytes` that begin a sequence the next piece may complete. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

/** The slow path, for a piece with invalid bytes: decodes what is valid, escapes the rest. */
function decodeEscaping(bytes: Uint8Array): string {
  const parts: string[] = [];
  const valid = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    let ok = length > 0 && i + length <= bytes.length;
    if (ok && length > 1) {
      ok = validSecond(lead, bytes[i + 1]!);
      for (let k = 2; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    }
    if (ok) {
      i += length;
      continue;
    }
    if (i > runStart) parts.push(valid.decode(bytes.subarray(runStart, i)));
    parts.push(escapeByte(lead));
    i++;
    runStart = i;
  }
  if (runStart < bytes.length) parts.push(valid.decode(bytes.subarray(runStart)));
  return parts.join('');
}

/** A streaming UTF-8 decoder that escapes invalid bytes instead of replacing them. */
export class Utf8Decoder {
  private readonly fast = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private carry: Uint8Array = new Uint8Array(0);

  push(piece: Uint8Array): string {
    let bytes = piece;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + piece.length);
      bytes.set(this.carry);
      bytes.set(piece, this.carry.length);
    }
    const cut = bytes.length - incompleteTail(bytes);
    this.carry = bytes.slice(cut);
    return this.decode(bytes.subarray(0, cut));
  }

  /** What is left at the end: an incomplete sequence is invalid. */
  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return rest.length > 0 ? decodeEscaping(rest) : '';
  }

  private decode(bytes: Uint8Array): string {
    try {
      return this.fast.decode(bytes);
    } catch {
      return decodeEscaping(bytes);
    }
  }
}

export async function* decodeText(
  body: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<string> {
  const decoder = new Utf8Decoder();
  let first = true;
  for await (const piece of body) {
    let text = typeof piece === 'string' ? piece : decoder.push(piece);
    if (first && text.length > 0) {
      if (text.startsWith(BOM)) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}
