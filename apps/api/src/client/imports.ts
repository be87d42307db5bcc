// A file import through the API: stream it up, then follow it to its summary.
import { jsonOf, type ApiClient, type ImportDetail } from './api-client';

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
}

const DEFAULT_POLL_MS = 250;

/** Reads GET /imports/{id} until the import completed or failed; its last detail. */
export async function followImport(
  client: ApiClient,
  importId: string,
  { errorsLimit = 0, pollMs = DEFAULT_POLL_MS, onProgress }: FollowImportOptions = {},
): Promise<ImportDetail> {
  for (;;) {
    const response = await client.api.v1.imports[':import_id'].$get({
      param: { import_id: importId },
      query: { errors_limit: String(errorsLimit) },
    });
    const detail = await jsonOf<ImportDetail>(response);
    onProgress?.(detail);
    if (detail.status === 'completed' || detail.status === 'failed') return detail;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
