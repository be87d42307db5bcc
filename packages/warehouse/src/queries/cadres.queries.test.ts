import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../warehouse';
import { upsertCadres, type CadreRecord } from '../writes/cadres.writes';
import { getVillageCadre } from './cadres.queries';

const KUNGKAI = '15.02.02.2004';
const SUNGAI_KAPAS = '15.02.02.2024';
const PAUH_MENANG = '15.02.06.2012';
const LEMPUR_TENGAH = '15.01.01.1004';

let warehouse: Warehouse;

function cadre(cadre_id: string, village_code: string, active: boolean): CadreRecord {
  return { cadre_id, name: `Kader ${cadre_id}`, village_code, region: 'JKT', active };
}

/** Rosters uploaded over a year: cadres leave and are replaced, and rows stay behind. */
beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null });
  await warehouse.write(async ({ connection }) => {
    await upsertCadres(
      connection,
      [
        cadre('KD-1', KUNGKAI, true),
        cadre('KD-2', SUNGAI_KAPAS, false),
        cadre('KD-4', PAUH_MENANG, true),
      ],
      new Date('2023-01-01T00:00:00Z'),
    );
    await upsertCadres(
      connection,
      [
        cadre('KD-1', KUNGKAI, false),
        cadre('KD-3', SUNGAI_KAPAS, false),
        cadre('KD-5', PAUH_MENANG, false),
      ],
      new Date('2023-06-01T00:00:00Z'),
    );
    await upsertCadres(
      connection,
      [cadre('KD-6', KUNGKAI, true)],
      new Date('2023-03-01T00:00:00Z'),
    );
  });
});

afterAll(async () => {
  await warehouse.close();
});

describe('getVillageCadre', () => {
  it('prefers the active cadre, even over one updated later', async () => {
    expect(await getVillageCadre(warehouse.db, KUNGKAI)).toEqual({
      cadre_id: 'KD-6',
      name: 'Kader KD-6',
      active: true,
      region: 'JKT',
      updated_at: new Date('2023-03-01T00:00:00Z'),
    });
    expect(await getVillageCadre(warehouse.db, PAUH_MENANG)).toMatchObject({
      cadre_id: 'KD-4',
      active: true,
    });
  });

  it('gives the latest updated cadre when none is active', async () => {
    expect(await getVillageCadre(warehouse.db, SUNGAI_KAPAS)).toMatchObject({
      cadre_id: 'KD-3',
      active: false,
    });
  });

  it('gives null for a village the roster never named', async () => {
    expect(await getVillageCadre(warehouse.db, LEMPUR_TENGAH)).toBeNull();
  });
});
