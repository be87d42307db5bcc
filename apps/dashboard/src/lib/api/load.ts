// Turns a failed API call inside a `load` into SvelteKit's error page with the API's own message.
import { error } from '@sveltejs/kit';
import { describeFailure } from './api-error';

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
    const { status, message } = describeFailure(failure);
    const safe = status >= MIN_ERROR_STATUS && status <= MAX_ERROR_STATUS ? status : 500;
    error(safe, message);
  }
}
