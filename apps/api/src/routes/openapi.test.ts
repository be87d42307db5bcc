// The OpenAPI document describes what the API answers: the 401 challenge, the body limits, the
// live stream's cap, the audit trail and what anonymous readers get instead of personal data.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

interface Operation {
  operationId?: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { headers?: Record<string, unknown>; description: string }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

let t: TestApp;
let doc: Doc;

beforeAll(async () => {
  t = await createTestApp();
  doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as Doc;
});

afterAll(async () => {
  await t.close();
});

const operation = (path: string, method: string) => doc.paths[path]![method]!;

/** Every key of every object in `value`, however deep. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(
      // The validator resolves $refs in place: a copy keeps `doc` as served.
      structuredClone(doc) as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names every operation with a unique operationId', () => {
    const ids = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => op.operationId ?? `${method} ${path}`),
    );
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives examples as 3.1 wants them (examples, never the deprecated example)', () => {
    const keys = keysOf(doc);
    expect(keys).not.toContain('example');
    expect(keys).toContain('examples');
  });

  it("describes the POST /reports body by the domain's report schema", () => {
    const report = JSON.stringify(doc.components.schemas.ReportSubmission);
    for (const part of [
      'village_code',
      'submitted_at',
      'people_digital_literacy_pct',
      'maxLength',
    ]) {
      expect(report).toContain(part);
    }
  });

  it('matches the reviewed contract (update with vitest -u when the change is meant)', async () => {
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/openapi.json',
    );
  });

  it('documents WWW-Authenticate on every 401', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const unauthorized = op.responses['401'];
        if (!unauthorized) continue;
        expect([method, path, Object.keys(unauthorized.headers ?? {})]).toEqual([
          method,
          path,
          ['WWW-Authenticate'],
        ]);
      }
    }
  });

  it('documents the 413 of each body limit and the 503 of the live stream', () => {
    expect(operation('/reports', 'post').responses['413']?.description).toMatch(
      /REPORTS_MAX_BYTES/,
    );
    expect(operation('/cadres', 'post').responses['413']?.description).toMatch(/CADRES_MAX_BYTES/);
    const live = operation('/live', 'get').responses['503'];
    expect(live?.description).toMatch(/LIVE_MAX_CONNECTIONS/);
    expect(Object.keys(live?.headers ?? {})).toEqual(['Retry-After']);
  });

  it('documents the audit trail and the live event', () => {
    expect(Object.keys(operation('/audit', 'get').responses)).toEqual(['200', '400', '401', '403']);
    expect(Object.keys(doc.components.schemas.AuditEntry!.properties!)).toEqual([
      'audit_id',
      'at',
      'actor',
      'action',
      'target',
      'details',
    ]);
    const live = Object.keys(doc.components.schemas.LiveEvent!.properties!);
    expect(live).toContain('sources');
    expect(live).toContain('new_flags');
    expect(live).not.toContain('district_counts');
    expect(live).not.toContain('district_flags');
  });

  it('says which fields anonymous readers get as null, and who may export raw reports', () => {
    for (const schema of ['VillageReport', 'ReplacedReport', 'MissingVillage', 'VillageReports']) {
      expect([schema, JSON.stringify(doc.components.schemas[schema])]).toEqual([
        schema,
        expect.stringContaining('null for anonymous readers'),
      ]);
    }
    expect(JSON.stringify(operation('/export', 'get'))).toContain('(analysts and up)');
  });
});
