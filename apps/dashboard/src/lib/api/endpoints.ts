// One function per API read the dashboard makes, through the typed client: request parameters and
// response shapes come from the API's own route definitions. Pages call these, never `fetch`.
import type { Level, QualityMethod, QualityStatus } from '@pantau/domain';
import type { InferResponseType } from 'hono/client';
import type { Metric } from '$lib/i18n';
import { jsonOrThrow } from './api-error';
import { apiClient, type ApiClient, type Fetch } from './client';

type V1 = ApiClient['api']['v1'];
type Ok<T> = T extends (...args: never[]) => unknown ? InferResponseType<T, 200> : never;

export type Health = Ok<V1['health']['$get']>;
export type Summary = Ok<V1['summary']['$get']>;
export type AreaList = Ok<V1['areas']['$get']>;
/** A search or list row: an area with its ancestors, from the province down. */
export type AreaListRow = AreaList['rows'][number];
export type AreaDetail = Ok<V1['areas'][':code']['$get']>;
export type Area = AreaDetail['ancestors'][number];
export type Scores = Ok<V1['scores']['$get']>;
export type AreaScore = Scores['rows'][number];
export type Timeseries = Ok<V1['timeseries']['$get']>;
export type TimeseriesPoint = Timeseries['points'][number];
export type Distribution = Ok<V1['distribution']['$get']>;
export type Comparison = Ok<V1['compare']['$get']>;
export type CompareArea = Comparison['areas'][number];
export type Completeness = Ok<V1['completeness']['$get']>;
export type AreaCompleteness = Completeness['rows'][number];
export type MissingVillage = NonNullable<Completeness['missing']>['villages'][number];
export type VillageReports = Ok<V1['villages'][':code']['reports']['$get']>;
export type VillageReport = VillageReports['reports'][number];
export type VillageCadre = NonNullable<VillageReports['cadre']>;
export type QualityFlags = Ok<V1['quality']['flags']['$get']>;
export type QualityFlag = QualityFlags['rows'][number];
export type QualitySummary = Ok<V1['quality']['summary']['$get']>;
export type AreaQuality = QualitySummary['rows'][number];
export type QualityIndicators = Ok<V1['quality']['indicators']['$get']>;
export type IndicatorCompleteness = QualityIndicators['indicators'][number];
export type Revisions = Ok<V1['revisions']['$get']>;
export type Bulletin = Ok<V1['bulletins'][':code']['data']['$get']>;
export type BulletinEditions = Ok<V1['bulletins']['$get']>;
export type BulletinEdition = BulletinEditions['rows'][number];
/** A submission of the village's lineage (which anonymous readers are not shown). */
export type SubmissionRecord = NonNullable<VillageReports['submissions']>[number];

type Given<V> = Exclude<V, null | undefined>;
/** A query as it goes on the wire: numbers as text, absent values left out. */
type Wire<T> = { [K in keyof T]: Given<T[K]> extends number ? string : Given<T[K]> };

/** Query values as the client sends them: strings, and nothing for what is not given. */
function query<T extends Record<string, string | number | null | undefined>>(values: T): Wire<T> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') out[key] = String(value);
  }
  return out as Wire<T>;
}

/** The API seen from the dashboard; `fetch` is SvelteKit's in loads, so SSR and refreshes track it. */
export function createApi(fetcher: Fetch, origin: string) {
  const v1 = apiClient(fetcher, origin).api.v1;
  return {
    health: () => v1.health.$get().then((r) => jsonOrThrow<Health>(r)),
    summary: (q: { parent?: string | null } = {}) =>
      v1.summary.$get({ query: query(q) }).then((r) => jsonOrThrow<Summary>(r)),
    searchAreas: (q: string, limit = 10) =>
      v1.areas.$get({ query: query({ q, limit }) }).then((r) => jsonOrThrow<AreaList>(r)),
    listAreas: (q: { level?: Level; parent?: string | null; limit?: number }) =>
      v1.areas.$get({ query: query(q) }).then((r) => jsonOrThrow<AreaList>(r)),
    area: (code: string) =>
      v1.areas[':code'].$get({ param: { code } }).then((r) => jsonOrThrow<AreaDetail>(r)),
    scores: (q: {
      level: Level;
      parent?: string | null;
      period?: string | null;
      as_of?: string | null;
    }) => v1.scores.$get({ query: query(q) }).then((r) => jsonOrThrow<Scores>(r)),
    timeseries: (q: { area?: string | null; from: string; to: string; as_of?: string | null }) =>
      v1.timeseries.$get({ query: query(q) }).then((r) => jsonOrThrow<Timeseries>(r)),
    distribution: (q: {
      level: Level;
      parent?: string | null;
      period?: string | null;
      pillar?: Metric;
      bins: number;
      as_of?: string | null;
    }) => v1.distribution.$get({ query: query(q) }).then((r) => jsonOrThrow<Distribution>(r)),
    /** Either 2–6 `areas`, or every area of `level` inside `parent` in one request. */
    compare: (
      q: ({ areas: readonly string[] } | { level: Level; parent?: string | null }) & {
        period?: string | null;
        from?: string;
        to?: string;
      },
    ) =>
      v1.compare
        .$get({
          query: query({
            ...q,
            areas: 'areas' in q ? q.areas.join(',') : undefined,
          }),
        })
        .then((r) => jsonOrThrow<Comparison>(r)),
    completeness: (q: {
      level: Level;
      parent?: string | null;
      period?: string | null;
      missing_limit?: number;
      as_of?: string | null;
    }) => v1.completeness.$get({ query: query(q) }).then((r) => jsonOrThrow<Completeness>(r)),
    qualityFlags: (q: {
      parent?: string | null;
      period?: string | null;
      indicator?: string | null;
      method?: QualityMethod | null;
      status?: QualityStatus | null;
      limit?: number;
      offset?: number;
    }) => v1.quality.flags.$get({ query: query(q) }).then((r) => jsonOrThrow<QualityFlags>(r)),
    qualitySummary: (q: { level: Level; parent?: string | null; period?: string | null }) =>
      v1.quality.summary.$get({ query: query(q) }).then((r) => jsonOrThrow<QualitySummary>(r)),
    qualityIndicators: (q: { level: Level; parent?: string | null; period?: string | null }) =>
      v1.quality.indicators
        .$get({ query: query(q) })
        .then((r) => jsonOrThrow<QualityIndicators>(r)),
    revisions: (q: { parent?: string | null; period?: string | null }) =>
      v1.revisions.$get({ query: query(q) }).then((r) => jsonOrThrow<Revisions>(r)),
    villageReports: (code: string) =>
      v1.villages[':code'].reports
        .$get({ param: { code }, query: {} })
        .then((r) => jsonOrThrow<VillageReports>(r)),
    bulletin: (code: string, q: { period?: string | null } = {}) =>
      v1.bulletins[':code'].data
        .$get({ param: { code }, query: query(q) })
        .then((r) => jsonOrThrow<Bulletin>(r)),
    bulletinEditions: (q: { period?: string | null } = {}) =>
      v1.bulletins.$get({ query: query(q) }).then((r) => jsonOrThrow<BulletinEditions>(r)),
  };
}

export type Api = ReturnType<typeof createApi>;
