// A file import through the API: stream it up, then follow it to its summary.
import { ApiUnreachableError, jsonOf, type ApiClient, type ImportDetail } from './api-client';

export type ImportContentType =
  | 'text/csv'
  | 'application/x-ndjson'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface PostImportOptions {
  body: ReadableStream<Uint8Array>;
  contentType: ImportContentType;
  filename?: string;
  dryRun?: boolean;
}

/** Streams a file to POST /imports; its import id. */
export async function postImport(
  client: ApiClient,
  { body, contentType, filename, dryRun = false }: PostImportOptions,
): Promise<string> {
  const query = { dry_run: String(dryRun) as 'true' | 'false', ...(filename ? { filename } : {}) };
  const response = await client.api.v1.imports.$post(
    { query },
    {
      headers: { 'content-type': contentType },
      // A stream body needs half duplex (fetch sends it while the answer may already come).
      init: { body, duplex: 'half' } as RequestInit,
    },
  );
  return (await jsonOf<{ import_id: string }>(response)).import_id;
}

export interface FollowImportOptions {
  /** Errors listed in the detail (default 0). */
  errorsLimit?: number;
  pollMs?: number;
  /** Each detail read while the import runs. */
  onProgress?: (detail: ImportDetail) => void;
  /**
   * How long the API may go unanswering before following gives up: an API that died mid-import
   * is restarted (npm start does) and goes on with the import, whose rows wait in the queue.
   */
  unreachableForMs?: number;
  /** Each read that found the API unreachable, while following waits for it. */
  onUnreachable?: (error: ApiUnreachableError) => void;
}

const DEFAULT_POLL_MS = 250;
/** Longer than the API takes to restart and open a national store (a few seconds). */
const DEFAULT_UNREACHABLE_MS = 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads GET /imports/{id} until the import completed or failed; its last detail. An API that
 * stops answering is waited for, up to `unreachableForMs` since it last answered.
 */
export async function followImport(
  client: ApiClient,
  importId: string,
  {
    errorsLimit = 0,
    pollMs = DEFAULT_POLL_MS,
    onProgress,
    unreachableForMs = DEFAULT_UNREACHABLE_MS,
    onUnreachable,
  }: FollowImportOptions = {},
): Promise<ImportDetail> {
  let answeredAt = Date.now();
  for (;;) {
    let detail: ImportDetail;
    try {
      const response = await client.api.v1.imports[':import_id'].$get({
        param: { import_id: importId },
        query: { errors_limit: String(errorsLimit) },
      });
      answeredAt = Date.now();
      detail = await jsonOf<ImportDetail>(response);
    } catch (error) {
      if (!(error instanceof ApiUnreachableError) || Date.now() - answeredAt >= unreachableForMs)
        throw error;
      onUnreachable?.(error);
      await pause(pollMs);
      continue;
    }
    onProgress?.(detail);
    if (detail.status === 'completed' || detail.status === 'failed') return detail;
    await pause(pollMs);
  }
}
