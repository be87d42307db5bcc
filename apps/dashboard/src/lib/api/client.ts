// The typed API client: Hono's `hc` over the API's own route types, same-origin through the proxy.
import type { AppType } from '@pantau/api';
import { hc } from 'hono/client';

export type Fetch = typeof fetch;

export function apiClient(fetcher: Fetch, origin: string) {
  return hc<AppType>(origin, { fetch: fetcher });
}

export type ApiClient = ReturnType<typeof apiClient>;
