// The typed client of the running API (Hono `hc` over the API's own route types), for the CLIs,
// the simulator's live feeder and the benchmarks: one place that knows how to call it.
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../app';

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:8787 */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` with every call. */
  token?: string | null;
  /** Another fetch (undici's, with a connection pool of its own, say). */
  fetch?: typeof fetch;
}

export function createApiClient({ baseUrl, token, fetch: fetcher = fetch }: ApiClientOptions) {
  return hc<AppType>(baseUrl, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    fetch: (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      try {
        return await fetcher(input, init);
      } catch (error) {
        throw unreachable(baseUrl, error);
      }
    }) as typeof fetch,
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
export type ApiV1 = ApiClient['api']['v1'];
export type ImportDetail = InferResponseType<ApiV1['imports'][':import_id']['$get'], 200>;

/** The API answered with an error: its status, code, message and details, ready to show. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly Record<string, unknown>[] = [],
  ) {
    super(`${status}: ${message}`);
  }
}

/** The API could not be reached at all (nothing listening, a timeout). */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown>[] };
}

function unreachable(baseUrl: string, error: unknown): ApiUnreachableError {
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ApiUnreachableError(`cannot reach the API at ${baseUrl}: ${reason}`, {
    cause: error,
  });
}

/** The JSON body of a successful answer, or the API's error thrown as an ApiCallError. */
export async function jsonOf<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: a proxy or something else answered.
  }
  if (response.ok) return body as T;
  const error = (body as ErrorBody | null)?.error;
  throw new ApiCallError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? (text.slice(0, 300) || response.statusText),
    error?.details ?? [],
  );
}
