import { describe, expect, it } from 'vitest';
import { bearer, KUNGKAI, LEMPUR_TENGAH, SUNGAI_UDANG, tokenFor } from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp();
const { get } = read;

describe('GET /villages/{code}/reports', () => {
  it("names the village's cadre from the roster", async () => {
    const { body } = await get(`/villages/${KUNGKAI}/reports`);
    expect(body.cadre).toEqual({
      cadre_id: 'KD-1',
      name: 'Siti',
      active: true,
      region: 'JKT',
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    // Sungai Udang's only cadre has left: still named, as inactive.
    const udang = await get(`/villages/${SUNGAI_UDANG}/reports`);
    expect(udang.body.cadre).toMatchObject({ cadre_id: 'KD-4', name: 'Agus', active: false });
    expect((await get(`/villages/${LEMPUR_TENGAH}/reports`)).body.cadre).toBeNull();
  });

  it("gives a village's reports with raw values and scores, latest first", async () => {
    const { status, body } = await get(`/villages/${KUNGKAI}/reports`);
    expect(status).toBe(200);
    expect(body.village).toEqual({
      code: KUNGKAI,
      name: 'Kungkai',
      level: 'village',
      parent_code: '15.02.02',
    });
    expect(body.reports.map((r: { period: string; dci: number }) => [r.period, r.dci])).toEqual([
      ['2023-03', 80],
      ['2023-02', 40],
    ]);
    expect(body.reports[0]).toMatchObject({
      stage: 4,
      on_time: true,
      outcome: 'imported',
      submitted_at: '2023-03-27T02:00:00.000Z',
      indicators: { gov_online_letters_pct: 60, people_rkdd_active: true },
      pillars: { people: 100, government: 60, mobility: null },
    });
  });

  it('traces every submission: the corrected version, the correction and the rejection', async () => {
    const { body } = await get(`/villages/${KUNGKAI}/reports`);
    expect(body.reports[1]).toMatchObject({ outcome: 'updated', submission_id: 'import-2:2' });
    expect(body.replaced).toEqual([
      expect.objectContaining({
        period: '2023-02',
        dci: 30,
        submission_id: 'import-1:20',
        replaced_by: 'import-2:2',
      }),
    ]);
    const outcomes = body.submissions.map((s: { submission_id: string; outcome: string }) => [
      s.submission_id,
      s.outcome,
    ]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ['import-2:2', 'updated'],
        ['import-1:20', 'imported'],
        ['import-1:21', 'rejected'],
        ['import-1:2', 'imported'],
      ]),
    );
    const rejected = body.submissions.find((s: { outcome: string }) => s.outcome === 'rejected');
    expect(rejected.errors).toEqual([
      { field: 'gov_online_letters_pct', value: 140, message: 'above the maximum 100' },
    ]);
  });

  it('refuses a code that is not a village, and answers an unknown village with 404', async () => {
    const wrong = await get('/villages/15.02/reports');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]).toMatchObject({ location: 'param', field: 'code' });
    expect((await get('/villages/15.02.02.9999/reports')).status).toBe(404);
  });

  it('lets a lead read villages inside its scope only', async () => {
    const lead = bearer(await tokenFor(read.t.warehouse, 'lead', '15.02'));
    expect((await get(`/villages/${KUNGKAI}/reports`, lead)).status).toBe(200);
    expect((await get('/villages/15.01.01.1004/reports', lead)).status).toBe(403);
  });
});
