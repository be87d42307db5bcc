// Turns a failed API call inside a `load` into SvelteKit's error page with the API's own message.
import { error, isRedirect } from '@sveltejs/kit';
import { ApiRequestError, describeFailure } from './api-error';

/** What a feature's loader needs from SvelteKit's load event. */
export interface LoadInput<Params extends Record<string, string> = Record<string, string>> {
  fetch: typeof fetch;
  url: URL;
  params: Params;
}

const MIN_ERROR_STATUS = 400;
const MAX_ERROR_STATUS = 599;

export async function orError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (failure) {
    if (isRedirect(failure)) throw failure;
    const { status, ...body } = describeFailure(failure);
    const safe = status >= MIN_ERROR_STATUS && status <= MAX_ERROR_STATUS ? status : 500;
    error(safe, body);
  }
}

/**
 * A comparison a lead's token may not read (the nation or the region beside its own province):
 * null instead of the error page, so that the page shows the lead's area without it.
 */
export async function unlessOutOfScope<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (failure) {
    if (leadScopeOf(failure)) return null;
    throw failure;
  }
}

/** The area a regional lead's token reads, when the API refused a read outside it; else null. */
export function leadScopeOf(failure: unknown): string | null {
  return failure instanceof ApiRequestError && failure.status === 403 ? failure.scope : null;
}
