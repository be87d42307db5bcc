// Property tests over every read's parameters: whatever a client sends, no read answers 5xx;
// and an area of a valid shape that does not exist is a 404 wherever a read names it.
import { LEVELS, levelOfCode } from '@pantau/domain';
import { hierarchyOf } from '@pantau/warehouse';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useReadApp } from '../testing/read-app';
import { bearer } from '../testing/read-fixture';
import { TEST_ADMIN_TOKEN } from '../testing/test-app';

const read = useReadApp();
const admin = bearer(TEST_ADMIN_TOKEN);
const RUNS = 150;
/** A property sends hundreds of requests. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** Each read and the query parameters it takes (a path parameter is written as {code}). */
const READS: [string, string[]][] = [
  ['/areas', ['level', 'parent', 'q', 'limit']],
  ['/areas/{code}', []],
  ['/scores', ['level', 'parent', 'period', 'limit']],
  ['/timeseries', ['area', 'from', 'to']],
  ['/rankings', ['level', 'parent', 'period', 'pillar', 'order', 'limit']],
  ['/compare', ['areas', 'level', 'parent', 'period', 'from', 'to']],
  ['/distribution', ['level', 'parent', 'period', 'pillar', 'bins']],
  ['/completeness', ['level', 'parent', 'period', 'limit', 'missing_limit']],
  ['/summary', ['parent']],
  ['/villages/{code}/reports', ['limit']],
  ['/export', ['level', 'parent', 'period', 'format', 'raw']],
];

const digits = (min: number, max: number, width = String(max).length) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(width, '0'));

/** Codes of every shape, and near misses of them. */
const codeLike = fc.oneof(
  fc.constantFrom('JKT', 'SBY', 'MKS', 'XYZ', 'jkt'),
  fc
    .array(fc.oneof(digits(0, 99), digits(0, 9999), fc.constantFrom('', 'x', '-1')), {
      minLength: 1,
      maxLength: 5,
    })
    .map((parts) => parts.join('.')),
);

/** Months in and out of range, malformed ones included (`2023-7`, `2023-13`, `-001-00`). */
const periodLike = fc
  .tuple(fc.integer({ min: -10, max: 10_000 }), fc.integer({ min: -1, max: 14 }), fc.boolean())
  .map(([y, m, pad]) => `${y}-${pad ? String(m).padStart(2, '0') : m}`);

const value = fc.oneof(
  fc.constantFrom(...LEVELS, 'dci', 'people', 'asc', 'desc', 'csv', 'parquet', 'true', 'false'),
  codeLike,
  codeLike.chain((a) => codeLike.map((b) => `${a},${b}`)),
  periodLike,
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 10, unit: 'binary' }),
);

/** A query of some of `params`, sometimes one of them twice. */
function queryOf(params: string[]): fc.Arbitrary<[string, string][]> {
  if (params.length === 0) return fc.constant([]);
  return fc.array(fc.tuple(fc.constantFrom(...params), value), { maxLength: 5 });
}

function url(path: string, code: string, pairs: [string, string][]): string {
  const query = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `/api/v1${path.replace('{code}', encodeURIComponent(code))}${query ? `?${query}` : ''}`;
}

describe('every read, whatever its parameters', () => {
  it.each(READS)(
    '%s never answers 5xx',
    async (path, params) => {
      await fc.assert(
        fc.asyncProperty(codeLike, queryOf(params), async (code, pairs) => {
          const target = url(path, code, pairs);
          const res = await read.t.app.request(target, admin);
          await res.body?.cancel();
          expect([target, res.status]).toEqual([target, expect.toSatisfy((s: number) => s < 500)]);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('unknown areas', () => {
  let known: Set<string>;
  beforeAll(async () => {
    known = new Set((await hierarchyOf(read.t.warehouse.db)).byCode.keys());
  });

  /** Well-formed codes that name no area: provinces 00–10 and 97–99, kota 80–99 and below. */
  const unknownCode = fc
    .oneof(
      fc.oneof(digits(0, 10), digits(97, 99)),
      fc.tuple(digits(11, 19), digits(80, 99)).map((p) => p.join('.')),
      fc.tuple(digits(11, 19), digits(1, 9, 2), digits(80, 99)).map((p) => p.join('.')),
      fc
        .tuple(digits(11, 19), digits(1, 9, 2), digits(1, 9, 2), digits(9000, 9999))
        .map((p) => p.join('.')),
      fc.constantFrom('ABC', 'ZZZ'),
    )
    .filter((code) => !known.has(code));

  /** The reads naming `code` as an area, each otherwise valid. */
  function readsNaming(code: string): string[] {
    const level = levelOfCode(code)!;
    const below = LEVELS[LEVELS.indexOf(level) + 1] ?? null;
    const asParent = below
      ? [
          `/areas?parent=${code}`,
          `/scores?level=${below}&parent=${code}`,
          `/rankings?level=${below}&parent=${code}`,
          `/distribution?level=${below}&parent=${code}`,
          `/completeness?level=${below}&parent=${code}`,
          `/compare?level=${below}&parent=${code}`,
          `/export?level=${below}&parent=${code}`,
          `/summary?parent=${code}`,
        ]
      : [`/villages/${code}/reports`];
    return [`/areas/${code}`, `/timeseries?area=${code}`, `/compare?areas=15,${code}`, ...asParent];
  }

  it(
    'answers 404 wherever a read names one',
    async () => {
      await fc.assert(
        fc.asyncProperty(unknownCode, async (code) => {
          for (const path of readsNaming(code)) {
            const res = await read.t.app.request(`/api/v1${path}`, admin);
            const body = (await res.json()) as { error?: { code: string } };
            expect([path, res.status, body.error?.code]).toEqual([path, 404, 'not_found']);
          }
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
