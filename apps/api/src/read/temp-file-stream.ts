// Streams a file written to a private temp directory, and removes the directory once sent or aborted.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

export interface TempFile {
  path: string;
  /** The file as a web stream; the directory is removed when it ends, fails or is cancelled. */
  stream(): Promise<{ body: ReadableStream<Uint8Array>; size: number }>;
  /** Removes the directory (for when the file is never streamed). */
  discard(): Promise<void>;
}

export async function createTempFile(prefix: string, name: string): Promise<TempFile> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const path = join(dir, name);
  const discard = () => rm(dir, { recursive: true, force: true });
  return {
    path,
    discard,
    async stream() {
      const { size } = await stat(path);
      const file = createReadStream(path);
      file.once('close', () => void discard());
      return { body: Readable.toWeb(file) as ReadableStream<Uint8Array>, size };
    },
  };
}
