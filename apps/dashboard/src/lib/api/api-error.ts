// A failed API call: its HTTP status and the API's error code and message, ready to show.

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** A lead's area, when the API refused a read outside it (403). */
    readonly scope: string | null = null,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/** The `scope` the API names in a 403's details: the area a lead's token may read. */
function scopeOf(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  for (const detail of details as unknown[]) {
    const scope = (detail as { scope?: unknown } | null)?.scope;
    if (typeof scope === 'string' && scope) return scope;
  }
  return null;
}

/** Reads the API's `{error: {code, message}}` body, or describes the response when it has none. */
export async function apiErrorOf(response: Response): Promise<ApiRequestError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON: a proxy or the network answered.
  }
  const code = typeof body?.error?.code === 'string' ? body.error.code : 'http_error';
  const message =
    typeof body?.error?.message === 'string'
      ? body.error.message
      : `${response.status} ${response.statusText || 'error'}`;
  return new ApiRequestError(response.status, code, message, scopeOf(body?.error?.details));
}

/** The JSON body of a successful response, or the API's error thrown. */
export async function jsonOrThrow<T>(response: Response): Promise<T> {
  if (!response.ok) throw await apiErrorOf(response);
  return (await response.json()) as T;
}

/** Any failure as a status and message (network failures become 503), and a lead's scope. */
export function describeFailure(failure: unknown): {
  status: number;
  message: string;
  scope?: string;
} {
  if (failure instanceof ApiRequestError) {
    const { status, message, scope } = failure;
    return scope ? { status, message, scope } : { status, message };
  }
  const message = failure instanceof Error ? failure.message : String(failure);
  return { status: 503, message: `The API could not be reached: ${message}` };
}
