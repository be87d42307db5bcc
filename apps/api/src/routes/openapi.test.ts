// The OpenAPI document describes what the API answers: the 401 challenge, the body limits, the
// live stream's cap, the audit trail and what anonymous readers get instead of personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

interface Operation {
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

describe('the OpenAPI document', () => {
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
    expect(live).not.toContain('district_counts');
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
