// The pipeline console's calls: the engineer endpoints through the typed client, with the token.
import type { InferResponseType } from 'hono/client';
import { jsonOrThrow } from '$lib/api/api-error';
import { apiClient, type ApiClient } from '$lib/api/client';

type V1 = ApiClient['api']['v1'];
export type QueuesResponse = InferResponseType<V1['pipeline']['queues']['$get'], 200>;
export type ThroughputResponse = InferResponseType<V1['pipeline']['throughput']['$get'], 200>;
export type RejectionsResponse = InferResponseType<V1['pipeline']['rejections']['$get'], 200>;
export type FailedResponse = InferResponseType<V1['pipeline']['failed']['$get'], 200>;
export type ImportsResponse = InferResponseType<V1['imports']['$get'], 200>;
export type ImportDetail = InferResponseType<V1['imports'][':import_id']['$get'], 200>;
export type ImportSummary = ImportsResponse['imports'][number];
export type ThroughputMinute = ThroughputResponse['minutes'][number];

/** Minutes of throughput the console charts. */
export const THROUGHPUT_MINUTES = 60;
const LISTED = 20;

export function pipelineApi(token: string, fetcher: typeof fetch = fetch, origin = '') {
  const v1 = apiClient(fetcher, origin).api.v1;
  const headers = { authorization: `Bearer ${token}` };
  return {
    queues: () =>
      v1.pipeline.queues.$get(undefined, { headers }).then((r) => jsonOrThrow<QueuesResponse>(r)),
    throughput: () =>
      v1.pipeline.throughput
        .$get({ query: { minutes: String(THROUGHPUT_MINUTES) } }, { headers })
        .then((r) => jsonOrThrow<ThroughputResponse>(r)),
    rejections: () =>
      v1.pipeline.rejections
        .$get({ query: { limit: String(LISTED) } }, { headers })
        .then((r) => jsonOrThrow<RejectionsResponse>(r)),
    failed: () =>
      v1.pipeline.failed
        .$get({ query: { limit: String(LISTED) } }, { headers })
        .then((r) => jsonOrThrow<FailedResponse>(r)),
    retry: (body: { job_ids?: string[]; import_id?: string }) =>
      v1.pipeline.failed.retry
        .$post({ json: body }, { headers })
        .then((r) => jsonOrThrow<{ retried: number }>(r)),
    imports: () =>
      v1.imports
        .$get({ query: { limit: String(LISTED) } }, { headers })
        .then((r) => jsonOrThrow<ImportsResponse>(r)),
    importDetail: (importId: string) =>
      v1.imports[':import_id']
        .$get({ param: { import_id: importId }, query: { errors_limit: '100' } }, { headers })
        .then((r) => jsonOrThrow<ImportDetail>(r)),
  };
}

export type PipelineApi = ReturnType<typeof pipelineApi>;
