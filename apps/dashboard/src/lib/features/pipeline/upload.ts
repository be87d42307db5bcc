// Uploads a file to POST /api/v1/imports with progress (XMLHttpRequest streams the File as is).
import { ApiRequestError } from '$lib/api/api-error';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type UploadFormat = 'text/csv' | 'application/x-ndjson' | typeof XLSX_TYPE;

/** What the file input offers: the extensions and content types the API reads. */
export const UPLOAD_ACCEPT = `.csv,.ndjson,.jsonl,.xlsx,text/csv,application/x-ndjson,${XLSX_TYPE}`;

/** The content type the API reads a file as, from its name; null when it is none of them. */
export function contentTypeOf(filename: string): UploadFormat | null {
  const name = filename.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'application/x-ndjson';
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}

export function importUrl(filename: string, dryRun: boolean): string {
  const params = new URLSearchParams({ filename, dry_run: String(dryRun) });
  return `/api/v1/imports?${params}`;
}

export interface Accepted {
  import_id: string;
  rows: number | null;
  status: string;
}

export function uploadImport(
  file: File,
  options: { token: string; dryRun: boolean; onProgress: (share: number) => void },
): Promise<Accepted> {
  const type = contentTypeOf(file.name);
  return new Promise((resolve, reject) => {
    if (!type) {
      reject(
        new ApiRequestError(
          415,
          'unsupported_media_type',
          `${file.name}: use .csv, .ndjson or .xlsx`,
        ),
      );
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrl(file.name, options.dryRun));
    xhr.setRequestHeader('content-type', type);
    xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as Partial<Accepted> & {
        error?: { code?: string; message?: string };
      };
      if (xhr.status === 202 && body?.import_id) {
        resolve({
          import_id: body.import_id,
          rows: body.rows ?? null,
          status: body.status ?? 'queued',
        });
      } else {
        reject(
          new ApiRequestError(
            xhr.status,
            body?.error?.code ?? 'http_error',
            body?.error?.message ?? `${xhr.status} ${xhr.statusText}`,
          ),
        );
      }
    };
    xhr.onerror = () => reject(new ApiRequestError(0, 'network', 'the upload was interrupted'));
    xhr.send(file);
  });
}

/** An import is over when it completed or failed. */
export function isFinished(status: string): boolean {
  return status === 'completed' || status === 'failed';
}
