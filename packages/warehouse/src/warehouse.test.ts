import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countAreas } from './hierarchy/load-hierarchy';
import { listAreas } from './queries/areas.queries';
import { validSubmission } from './testing/submissions.fixture';
import { DATABASE_FILE, openWarehouse } from './warehouse';
import { applySubmissions } from './writes/apply-submissions';
import { refreshAreaScores } from './writes/refresh-area-scores';

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-warehouse-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openWarehouse', () => {
  it("loads Indonesia's full hierarchy into a new data dir", async () => {
    const warehouse = await openWarehouse({ dataDir: tempDir() });
    expect(warehouse.hierarchyLoaded).toEqual({
      region: 3,
      province: 38,
      regency: 514,
      district: 7277,
      village: 83763,
    });
    const merangin = await listAreas(warehouse.db, {
      parent: '15.02',
      level: 'village',
      limit: 500,
    });
    expect(merangin.map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'Kungkai',
        'Pasar Muara Siau',
        'Sungai Udang',
        'Bungo Antoi',
        'Mentawak',
      ]),
    );
    const [jambi] = await listAreas(warehouse.db, { level: 'province', q: 'jambi', limit: 1 });
    expect(jambi).toMatchObject({ code: '15', name: 'Jambi', parent_code: null });
    await warehouse.close();
  });

  it('writes the WAL into the file when asked to checkpoint, keeping every write', async () => {
    const dir = tempDir();
    const wal = join(dir, `${DATABASE_FILE}.wal`);
    const walBytes = () => (existsSync(wal) ? statSync(wal).size : 0);
    const warehouse = await openWarehouse({ dataDir: dir });
    await warehouse.write((tx) =>
      applySubmissions(tx, [
        validSubmission({
          report_id: 'r-1',
          village_code: '15.02.02.2004',
          period: '2023-03',
          submitted_at: '2023-03-27T09:15:00+07:00',
        }),
      ]),
    );
    expect(walBytes()).toBeGreaterThan(0);
    await warehouse.checkpoint();
    expect(walBytes()).toBe(0);
    const reports = await warehouse.db.selectFrom('reports').select('report_id').execute();
    expect(reports).toEqual([{ report_id: 'r-1' }]);
    await warehouse.close();
  });

  it('keeps everything when a data dir is reopened, and loads the hierarchy only once', async () => {
    const dir = tempDir();
    const first = await openWarehouse({ dataDir: dir });
    await first.write(async (tx) => {
      await applySubmissions(tx, [
        validSubmission({
          report_id: 'r-1',
          village_code: '15.02.02.2004',
          period: '2023-03',
          submitted_at: '2023-03-27T09:15:00+07:00',
        }),
      ]);
      await refreshAreaScores(tx.connection);
    });
    await first.close();

    const second = await openWarehouse({ dataDir: dir });
    expect(second.hierarchyLoaded).toBeNull();
    await second.write(async ({ connection }) => {
      expect(await countAreas(connection)).toMatchObject({ province: 38, village: 83763 });
    });
    const reports = await second.db.selectFrom('reports').select(['report_id', 'dci']).execute();
    expect(reports).toEqual([{ report_id: 'r-1', dci: 50 }]);
    const outcomes = await second.db.selectFrom('submissions').select('outcome').execute();
    expect(outcomes).toEqual([{ outcome: 'imported' }]);
    const national = await second.db
      .selectFrom('area_scores')
      .select(['dci', 'villages_reporting'])
      .where('level', '=', 'country')
      .execute();
    expect(national).toEqual([{ dci: 50, villages_reporting: 1 }]);
    await second.close();
  });
});

describe('Warehouse.version', () => {
  it('counts committed writes only: not a dry run, not a failed write', async () => {
    const warehouse = await openWarehouse({ dataDir: null });
    try {
      expect(warehouse.version).toBe(0);
      await warehouse.write(async () => undefined);
      expect(warehouse.version).toBe(1);
      await warehouse.write(async () => undefined, { rollback: true });
      await expect(warehouse.write(() => Promise.reject(new Error('refused')))).rejects.toThrow(
        'refused',
      );
      expect(warehouse.version).toBe(1);
    } finally {
      await warehouse.close();
    }
  });
});

describe('Warehouse.scoreChangesSince and villageChangesSince', () => {
  const bangko = { period: '2024-03', district_code: '15.02.02' };
  const kerinci = { period: '2024-04', district_code: '15.01.01' };
  const [KUNGKAI, LEMPUR_TENGAH] = ['15.02.02.2004', '15.01.01.1004'];

  it('gives the scopes and villages the commits after a version said they changed; null past one that did not say', async () => {
    const warehouse = await openWarehouse({ dataDir: null });
    try {
      expect(warehouse.scoreChangesSince(0)).toEqual([]);
      expect(warehouse.villageChangesSince(0)).toEqual(new Set());
      await warehouse.write(async (tx) => tx.changedOnly([bangko], [KUNGKAI]));
      await warehouse.write(async (tx) => tx.changedOnly([], []));
      await warehouse.write(async (tx) => tx.changedOnly([kerinci], [LEMPUR_TENGAH, KUNGKAI]));
      expect(warehouse.scoreChangesSince(0)).toEqual([bangko, kerinci]);
      expect(warehouse.scoreChangesSince(1)).toEqual([kerinci]);
      expect(warehouse.scoreChangesSince(3)).toEqual([]);
      expect(warehouse.villageChangesSince(0)).toEqual(new Set([KUNGKAI, LEMPUR_TENGAH]));
      expect(warehouse.villageChangesSince(1)).toEqual(new Set([LEMPUR_TENGAH, KUNGKAI]));
      expect(warehouse.villageChangesSince(2)).toEqual(new Set([LEMPUR_TENGAH, KUNGKAI]));
      expect(warehouse.villageChangesSince(3)).toEqual(new Set());

      // Neither a dry run nor a failed write is a change.
      await warehouse.write(async (tx) => tx.changedOnly([bangko], [KUNGKAI]), { rollback: true });
      await expect(
        warehouse.write(async (tx) => {
          tx.changedOnly([bangko], [KUNGKAI]);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(warehouse.scoreChangesSince(3)).toEqual([]);
      expect(warehouse.villageChangesSince(3)).toEqual(new Set());

      // A write that does not say what it changed may have changed anything.
      await warehouse.write(async () => undefined);
      expect(warehouse.scoreChangesSince(3)).toBeNull();
      expect(warehouse.scoreChangesSince(0)).toBeNull();
      expect(warehouse.scoreChangesSince(4)).toEqual([]);
      expect(warehouse.villageChangesSince(3)).toBeNull();
      expect(warehouse.villageChangesSince(4)).toEqual(new Set());
    } finally {
      await warehouse.close();
    }
  });

  it('lists no more than a thousand villages of a commit: past that, any village', async () => {
    const warehouse = await openWarehouse({ dataDir: null });
    try {
      const many = Array.from(
        { length: 1_001 },
        (_, i) => `15.02.02.${String(i).padStart(4, '0')}`,
      );
      await warehouse.write(async (tx) => tx.changedOnly([bangko], many.slice(0, 1_000)));
      expect(warehouse.villageChangesSince(0)?.size).toBe(1_000);
      await warehouse.write(async (tx) => {
        tx.changedOnly([bangko], many.slice(0, 600));
        tx.changedOnly([kerinci], many.slice(600));
      });
      expect(warehouse.villageChangesSince(1)).toBeNull();
      expect(warehouse.scoreChangesSince(1)).toEqual([bangko, kerinci]);
      await warehouse.write(async (tx) => tx.changedOnly([], [KUNGKAI]));
      expect(warehouse.villageChangesSince(2)).toEqual(new Set([KUNGKAI]));
      // Lists longer than a call's arguments may be (a national import's scopes and villages).
      const scopes = Array.from({ length: 300_000 }, () => bangko);
      await warehouse.write(async (tx) => tx.changedOnly(scopes, Array(300_000).fill(KUNGKAI)));
      expect(warehouse.villageChangesSince(3)).toBeNull();
      expect(warehouse.scoreChangesSince(3)).toHaveLength(300_000);
    } finally {
      await warehouse.close();
    }
  });

  it('forgets commits past the last thousand: asked about one of them, it cannot say', async () => {
    const warehouse = await openWarehouse({ dataDir: null });
    try {
      for (let i = 0; i < 1_001; i++)
        await warehouse.write(async (tx) => tx.changedOnly([bangko], [KUNGKAI]));
      expect(warehouse.scoreChangesSince(0)).toBeNull();
      expect(warehouse.villageChangesSince(0)).toBeNull();
      expect(warehouse.scoreChangesSince(1)).toHaveLength(1_000);
      expect(warehouse.scoreChangesSince(1_000)).toEqual([bangko]);
    } finally {
      await warehouse.close();
    }
  });
});
