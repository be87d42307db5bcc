// Bad input to the read endpoints: a 400 naming the parameter, and never a 500 whatever is sent.
import { describe, expect, it } from 'vitest';
import { bearer, getJson, KUNGKAI } from '../testing/read-fixture';
import { TEST_ADMIN_TOKEN } from '../testing/test-app';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const admin = bearer(TEST_ADMIN_TOKEN);

/** [request, the parameter the error must name] */
const BAD: [string, string][] = [
  ['/scores?level=kingdom', 'level'],
  ['/scores', 'level'],
  ['/scores?level=district&period=2023-13', 'period'],
  ['/scores?level=district&period=2023-3', 'period'],
  ['/scores?level=district&parent=15.2', 'parent'],
  ['/scores?level=province&parent=15', 'level'],
  ['/scores?level=region&parent=15.02', 'level'],
  ['/scores?level=village&parent=15.02.02.2004', 'level'],
  ['/scores?level=district&limit=0', 'limit'],
  ['/scores?level=district&limit=10001', 'limit'],
  ['/scores?level=district&limit=ten', 'limit'],
  ['/scores?level=district&limit=2.5', 'limit'],
  ['/areas?limit=1001', 'limit'],
  ['/areas?q=', 'q'],
  [`/areas?q=${'x'.repeat(101)}`, 'q'],
  ['/areas/15-02', 'code'],
  ['/timeseries?area=Jambi', 'area'],
  ['/timeseries?from=2023-06&to=2023-01', 'from'],
  ['/timeseries?from=2010-01&to=2023-01', 'to'],
  ['/timeseries?from=2023-00', 'from'],
  // Both malformed: once a 500, when the range check compared them anyway.
  ['/timeseries?from=.00&to=0', 'to'],
  ['/rankings?level=district&pillar=happiness', 'pillar'],
  ['/rankings?level=district&order=sideways', 'order'],
  ['/rankings?level=district&limit=1001', 'limit'],
  ['/compare?areas=15', 'areas'],
  ['/compare?areas=11,12,13,14,15,16,17', 'areas'],
  ['/compare?areas=15,15', 'areas'],
  ['/compare?areas=15,x', 'areas.1'],
  ['/compare?areas=15,33&from=2023-05&to=2023-01', 'from'],
  ['/distribution?level=village&bins=0', 'bins'],
  ['/distribution?level=village&bins=101', 'bins'],
  ['/distribution?level=village&pillar=dcx', 'pillar'],
  ['/completeness?level=district&missing_limit=5001', 'missing_limit'],
  ['/completeness?level=village&parent=15.02.02.2004', 'level'],
  ['/summary?parent=15.02.02.2004', 'parent'],
  ['/summary?parent=Jambi', 'parent'],
  ['/compare?level=regency&parent=15&areas=15.01,15.02', 'areas'],
  ['/compare?parent=15', 'level'],
  ['/compare?level=province&parent=15', 'level'],
  ['/compare?level=district&parent=15', 'level'],
  ['/compare', 'areas'],
  ['/villages/15.02.02/reports', 'code'],
  [`/villages/${KUNGKAI}/reports?limit=501`, 'limit'],
  ['/export?level=district&format=xls', 'format'],
  ['/export?level=district&raw=yes', 'raw'],
  ['/export', 'level'],
  ['/tokens?limit=0', 'limit'],
];

describe('bad input', () => {
  it.each(BAD)('%s → 400 naming %s', async (path, field) => {
    const { status, body } = await getJson(read.t.app, path, admin);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(body.error.message).toContain(field);
  });

  it('answers unknown areas with 404', async () => {
    for (const path of [
      '/scores?level=district&parent=15.99',
      '/areas/99',
      '/timeseries?area=15.02.02.9999',
      '/rankings?level=village&parent=ZZZ',
      '/completeness?level=village&parent=15.02.99',
      '/villages/15.02.02.9999/reports',
      '/compare?areas=15,99',
      '/compare?level=district&parent=15.99',
      '/summary?parent=15.99',
    ]) {
      const { status, body } = await getJson(read.t.app, path, admin);
      expect([path, status, body.error.code]).toEqual([path, 404, 'not_found']);
    }
  });
});

/** Values that have broken parsers and query builders elsewhere. */
const NASTY = [
  '',
  ' ',
  '%00',
  '%0a',
  "'",
  "15'; DROP TABLE reports; --",
  '15.02%25',
  '_',
  '..%2F..%2Fetc%2Fpasswd',
  '-1',
  '1e308',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '0x10',
  '2023-02-30',
  '9999-12',
  '0000-01',
  'ID',
  'JKT',
  '15.',
  '15..02',
  '%F0%9F%99%82',
  'a'.repeat(5_000),
  'true',
  'null',
  '[]',
  '{}',
];

const ENDPOINTS: [string, string[]][] = [
  ['/areas?', ['level', 'parent', 'q', 'limit']],
  ['/scores?level=district&', ['level', 'parent', 'period', 'limit']],
  ['/timeseries?', ['area', 'from', 'to']],
  ['/rankings?level=village&', ['level', 'parent', 'period', 'pillar', 'order', 'limit']],
  ['/compare?areas=15,33&', ['areas', 'period', 'from', 'to']],
  ['/compare?parent=15.02&', ['level']],
  ['/compare?level=district&', ['parent']],
  ['/compare?level=district&parent=15.02&', ['period', 'from', 'to']],
  ['/summary?', ['parent']],
  ['/distribution?level=village&', ['level', 'parent', 'period', 'pillar', 'bins']],
  ['/completeness?level=village&', ['level', 'parent', 'period', 'limit', 'missing_limit']],
  ['/export?level=province&', ['level', 'parent', 'period', 'format', 'raw']],
  ['/tokens?', ['include_revoked', 'limit']],
];

describe('nothing a client sends yields a 500', () => {
  it.each(ENDPOINTS)('%s', async (base, params) => {
    const statuses = new Set<number>();
    for (const param of params) {
      for (const value of NASTY) {
        const res = await read.t.app.request(`/api/v1${base}${param}=${value}`, admin);
        await res.body?.cancel();
        expect([param, value.slice(0, 40), res.status < 500]).toEqual([
          param,
          value.slice(0, 40),
          true,
        ]);
        statuses.add(res.status);
      }
      const twice = await read.t.app.request(`/api/v1${base}${param}=a&${param}=b`, admin);
      await twice.body?.cancel();
      expect(twice.status).toBe(400);
    }
    expect(statuses.has(400)).toBe(true);
  });

  it('handles odd path parameters', async () => {
    for (const code of NASTY.filter((v) => v.trim() !== '')) {
      for (const path of [`/areas/${code}`, `/villages/${code}/reports`]) {
        const res = await read.t.app.request(`/api/v1${path}`, admin);
        expect([path.slice(0, 50), res.status < 500]).toEqual([path.slice(0, 50), true]);
      }
    }
  });
});
