import { tmpdir } from 'node:os';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderMonthlyBulletins } from '../bulletins/bulletins.processor';
import { PdfRenderer } from '../bulletins/pdf-renderer';
import { useReadApp } from '../testing/read-app';
import {
  bearer,
  MARCH,
  MERANGIN_MARCH_DCI,
  tokenFor,
  type JsonResponse,
} from '../testing/read-fixture';

const api = useReadApp();

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
    mergePages: true,
  });
  return text;
}

describe('GET /bulletins/{code}/data', () => {
  it("gives Merangin's March: KPIs, its kecamatan ranked, the village that has not reported", async () => {
    const res: JsonResponse = await api.get(`/bulletins/15.02/data?period=${MARCH}`);
    expect(res.status).toBe(200);
    const bulletin = res.body;
    expect(bulletin.area).toEqual({
      code: '15.02',
      name: 'Kabupaten Merangin',
      level: 'regency',
      parents: ['Jambi'],
    });
    expect(bulletin.child_level).toBe('district');
    expect(bulletin.kpis).toMatchObject({
      villages_expected: 3,
      villages_reporting: 2,
      on_time: 1,
      reporting_rate: 2 / 3,
    });
    expect(bulletin.kpis.dci).toBeCloseTo(MERANGIN_MARCH_DCI, 9);
    // February has no Merangin report but Kungkai's: 40.
    expect(bulletin.kpis.dci_change).toBeCloseTo(MERANGIN_MARCH_DCI - 40, 9);
    expect(bulletin.trend).toHaveLength(12);
    expect(bulletin.trend.at(-1)).toMatchObject({ period: MARCH });
    expect(bulletin.children.slice(0, 2)).toMatchObject([
      { rank: 1, name: 'Bangko', dci: 70, reported: 2, expected: 2 },
      { rank: 2, name: 'Pamenang', dci: 50, reported: 0, expected: 1 },
    ]);
    expect(bulletin.children[2]).toMatchObject({ rank: null, dci: null });
    expect(bulletin.missing).toEqual({
      total: 1,
      villages: [{ code: '15.02.06.2012', name: 'Pauh Menang', district_name: 'Pamenang' }],
    });
  });

  it('has no bulletin for a village', async () => {
    const res = await api.get('/bulletins/15.02.02.2004/data');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toContain('kecamatan');
  });
});

describe('GET /bulletins/{code}', () => {
  it('prints the bulletin to a PDF that names the area and its kecamatan', async () => {
    const res = await api.t.app.request(`/api/v1/bulletins/15.02?period=${MARCH}&lang=en`, {
      ...bearer(await tokenFor(api.t.warehouse, 'lead', '15.02')),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      'inline; filename="buletin-kabupaten-merangin-2023-03.pdf"',
    );
    const bytes = await res.arrayBuffer();
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const words of ['Kabupaten Merangin', 'March 2023', 'Bangko', 'Pauh Menang']) {
      expect(text).toContain(words);
    }
  });
});

describe('without Chromium', () => {
  const missing = useReadApp({
    bulletins: { renderer: new PdfRenderer('/nonexistent/chromium'), dir: tmpdir() },
  });

  it('answers 503 saying what to install', async () => {
    const res = await missing.get(`/bulletins/15.02?period=${MARCH}`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('chromium_unavailable');
    expect(res.body.error.message).toMatch(/apt-get install chromium.*CHROMIUM_PATH/);
  });
});

describe('the monthly editions', () => {
  it('renders them into the store, lists those in scope and serves each', async () => {
    // The test app's own store (a temp dir it removes when it closes).
    const { renderer, dir } = api.t.deps.bulletins;
    const result = await renderMonthlyBulletins(
      {
        warehouse: api.t.warehouse,
        renderer,
        dir,
        clock: () => new Date('2023-04-11T01:00:00+07:00'),
      },
      { codes: ['15', '15.02'] },
    );
    // Run on 11 April: March's bulletins.
    expect(result).toEqual({ period: MARCH, rendered: 2 });

    const all = await api.t.app.request('/api/v1/bulletins', bearer(await admin()));
    const listed = (await all.json()) as { rows: { code: string; url: string }[] };
    expect(listed.rows.map((r) => [r.code, r.url])).toEqual([
      ['15', `/api/v1/bulletins/15/editions/${MARCH}?lang=id`],
      ['15.02', `/api/v1/bulletins/15.02/editions/${MARCH}?lang=id`],
    ]);

    const lead = bearer(await tokenFor(api.t.warehouse, 'lead', '15.02'));
    const scoped = await api.t.app.request('/api/v1/bulletins', lead);
    const seen = (await scoped.json()) as { rows: { code: string; name: string }[] };
    expect(seen.rows).toEqual([
      expect.objectContaining({ code: '15.02', name: 'Kabupaten Merangin' }),
    ]);

    const file = await api.t.app.request(`/api/v1/bulletins/15.02/editions/${MARCH}`, lead);
    expect(file.status).toBe(200);
    expect(await pdfText(await file.arrayBuffer())).toContain('Kabupaten Merangin');
    const outside = await api.t.app.request(`/api/v1/bulletins/15/editions/${MARCH}`, lead);
    expect(outside.status).toBe(403);
    const absent = await api.t.app.request('/api/v1/bulletins/15.02/editions/2023-01', lead);
    expect(absent.status).toBe(404);
  });
});

async function admin(): Promise<string> {
  return tokenFor(api.t.warehouse, 'admin');
}
