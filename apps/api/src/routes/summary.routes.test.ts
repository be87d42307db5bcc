import { describe, expect, it } from 'vitest';
import { bearer, tokenFor } from '../testing/read-fixture';
import { useReadApp } from '../testing/read-app';

const read = useReadApp({ clock: () => now });
/** The fixture loads at 2023-05-01T00:00Z (seven reports, one rejection) and 2023-05-02T00:00Z. */
let now = new Date('2023-05-01T00:30:00Z');
const { get } = read;

describe('GET /summary', () => {
  it('counts the reports loaded in the last hour and gives the last load', async () => {
    now = new Date('2023-05-02T00:30:00Z');
    const { status, body } = await get('/summary');
    expect(status).toBe(200);
    // Only the correction of Kungkai's February report was loaded in the last hour.
    expect(body).toEqual({
      parent: null,
      since: '2023-05-01T23:30:00.000Z',
      until: '2023-05-02T00:30:00.000Z',
      reports_last_hour: 1,
      rejected_last_hour: 0,
      last_hour: { imported: 0, updated: 1, ignored: 0, rejected: 0 },
      last_loaded_at: '2023-05-02T00:00:00.000Z',
      seconds_since_last_load: 30 * 60,
    });
  });

  it('adds imported and updated reports, and counts rejections apart', async () => {
    now = new Date('2023-05-01T00:30:00Z');
    const { body } = await get('/summary');
    // Six March reports and Kungkai's February one; line 21 was rejected.
    expect(body).toMatchObject({
      reports_last_hour: 7,
      rejected_last_hour: 1,
      last_hour: { imported: 7, updated: 0, ignored: 0, rejected: 1 },
    });
  });

  it('counts only the villages inside a parent', async () => {
    now = new Date('2023-05-01T00:30:00Z');
    // Merangin: Kungkai (March, February), Sungai Kapas, Sungai Udang, and the rejected row,
    // which names Kungkai.
    expect((await get('/summary?parent=15.02')).body).toMatchObject({
      parent: '15.02',
      reports_last_hour: 4,
      rejected_last_hour: 1,
    });
    expect((await get('/summary?parent=33')).body).toMatchObject({
      reports_last_hour: 1,
      rejected_last_hour: 0,
    });
    now = new Date('2023-05-02T00:30:00Z');
    expect((await get('/summary?parent=15.01')).body).toMatchObject({
      reports_last_hour: 0,
      last_loaded_at: '2023-05-01T00:00:00.000Z',
      seconds_since_last_load: 24.5 * 60 * 60,
    });
  });

  it('has nothing to count in an area that never reported', async () => {
    const { body } = await get('/summary?parent=11');
    expect(body).toMatchObject({
      reports_last_hour: 0,
      last_loaded_at: null,
      seconds_since_last_load: null,
    });
  });

  it('refuses a village as the parent, and an unknown area', async () => {
    const village = await get('/summary?parent=15.02.02.2004');
    expect(village.status).toBe(400);
    expect(village.body.error.details[0]).toMatchObject({ field: 'parent' });
    expect((await get('/summary?parent=15.99')).status).toBe(404);
  });

  it('gives a lead its own scope, not the nation', async () => {
    const lead = bearer(await tokenFor(read.t.warehouse, 'lead', '15.02'));
    expect((await get('/summary', lead)).status).toBe(403);
    expect((await get('/summary?parent=15.02', lead)).status).toBe(200);
    expect((await get('/summary?parent=15.02.02', lead)).status).toBe(200);
    expect((await get('/summary?parent=15', lead)).status).toBe(403);
  });
});
