import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectedSubmission, validSubmission } from '../testing/submissions.fixture';
import { openWarehouse, type Warehouse } from '../warehouse';
import { applySubmissions } from '../writes/apply-submissions';
import { getLoadSummary } from './load-summary.queries';

const KUNGKAI = '15.02.02.2004'; // Merangin, Jambi
const SUNGAI_KAPAS = '15.02.02.2024'; // Merangin, Jambi
const LEMPUR_TENGAH = '15.01.01.1004'; // Kerinci, Jambi
const TAMBAKREJA = '33.01.01.2001'; // Jawa Tengah

const FIRST_LOAD = new Date('2024-05-01T10:00:00Z');
const SECOND_LOAD = new Date('2024-05-01T10:40:00Z');
const HOUR = 60;

let warehouse: Warehouse;

/**
 * 10:00 — Kungkai, Sungai Kapas and Tambakreja imported, one row rejected (village unknown).
 * 10:40 — Kungkai updated (a later submission from another source), Lempur Tengah imported,
 *         Sungai Kapas ignored (not newer than the stored report), one row for Kungkai rejected.
 */
beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null });
  const march = (source_id: string, line: number, village_code: string, submitted_at: string) =>
    validSubmission({
      source_id,
      line,
      report_id: `${source_id}-${village_code}`,
      village_code,
      period: '2024-03',
      submitted_at,
    });
  await warehouse.write(async (tx) => {
    await applySubmissions(
      tx,
      [
        march('import-1', 2, KUNGKAI, '2024-03-20T09:00:00+07:00'),
        march('import-1', 3, SUNGAI_KAPAS, '2024-03-20T09:00:00+07:00'),
        march('import-1', 4, TAMBAKREJA, '2024-03-20T09:00:00+07:00'),
        rejectedSubmission('import-1', 5, { village_code: '99.99.99.9999' }),
      ],
      FIRST_LOAD,
    );
    await applySubmissions(
      tx,
      [
        march('import-2', 2, KUNGKAI, '2024-03-25T09:00:00+07:00'),
        march('import-2', 3, LEMPUR_TENGAH, '2024-03-25T09:00:00+07:00'),
        march('import-2', 4, SUNGAI_KAPAS, '2024-03-10T09:00:00+07:00'),
        rejectedSubmission('import-2', 5, { village_code: KUNGKAI }),
      ],
      SECOND_LOAD,
    );
  });
});

afterAll(async () => {
  await warehouse.close();
});

const at = (iso: string) => new Date(iso);

describe('getLoadSummary', () => {
  it('counts the last hour by outcome, nationally', async () => {
    const summary = await getLoadSummary(warehouse.db, {
      parent: null,
      now: at('2024-05-01T11:20:00Z'),
      minutes: HOUR,
    });
    expect(summary).toEqual({
      imported: 1,
      updated: 1,
      ignored: 1,
      rejected: 1,
      last_loaded_at: SECOND_LOAD,
    });
  });

  it('takes both loads when the window covers them', async () => {
    const summary = await getLoadSummary(warehouse.db, {
      parent: null,
      now: at('2024-05-01T10:50:00Z'),
      minutes: HOUR,
    });
    expect(summary).toMatchObject({ imported: 4, updated: 1, ignored: 1, rejected: 2 });
  });

  it('leaves out a load exactly an hour old, and loads after now', async () => {
    expect(
      await getLoadSummary(warehouse.db, {
        parent: null,
        now: at('2024-05-01T11:40:00Z'),
        minutes: HOUR,
      }),
    ).toMatchObject({ imported: 0, updated: 0, ignored: 0, rejected: 0 });
    expect(
      await getLoadSummary(warehouse.db, {
        parent: null,
        now: at('2024-05-01T10:30:00Z'),
        minutes: HOUR,
      }),
    ).toMatchObject({ imported: 3, updated: 0, ignored: 0, rejected: 1 });
  });

  it('counts only the villages inside a parent, rejections by the village they name', async () => {
    const now = at('2024-05-01T11:20:00Z');
    expect(await getLoadSummary(warehouse.db, { parent: '15.02', now, minutes: HOUR })).toEqual({
      imported: 0,
      updated: 1,
      ignored: 1,
      rejected: 1,
      last_loaded_at: SECOND_LOAD,
    });
    expect(await getLoadSummary(warehouse.db, { parent: 'JKT', now, minutes: HOUR })).toMatchObject(
      { imported: 1, updated: 1, ignored: 1, rejected: 1 },
    );
    expect(await getLoadSummary(warehouse.db, { parent: '33', now, minutes: HOUR })).toEqual({
      imported: 0,
      updated: 0,
      ignored: 0,
      rejected: 0,
      last_loaded_at: FIRST_LOAD,
    });
  });

  it('has no last load where nothing was ever stored', async () => {
    const summary = await getLoadSummary(warehouse.db, {
      parent: '94',
      now: at('2024-05-01T11:20:00Z'),
      minutes: HOUR,
    });
    expect(summary.last_loaded_at).toBeNull();
  });
});
