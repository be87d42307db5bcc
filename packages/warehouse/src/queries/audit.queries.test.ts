import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../warehouse';
import { listAudit, recordAudit } from './audit.queries';

let warehouse: Warehouse;
const admin = { token_id: 'bootstrap', name: 'ADMIN_TOKEN', role: 'admin' };
const engineer = { token_id: 'e1', name: 'Eko', role: 'engineer' };

beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null });
});

afterAll(async () => {
  await warehouse.close();
});

describe('the audit trail', () => {
  it('records who did what to what, and lists acts newest first', async () => {
    await warehouse.write(async ({ db }) => {
      await recordAudit(db, {
        actor: admin,
        action: 'token.created',
        target: 'tok-1',
        details: { role: 'lead', scope: '15' },
        at: new Date('2024-06-01T00:00:00Z'),
      });
      await recordAudit(db, {
        actor: engineer,
        action: 'jobs.retried',
        details: { retried: 3 },
        at: new Date('2024-06-02T00:00:00Z'),
      });
    });
    const acts = await listAudit(warehouse.db, { limit: 10 });
    expect(acts.map((a) => a.action)).toEqual(['jobs.retried', 'token.created']);
    expect(acts[1]).toMatchObject({
      actor: admin,
      target: 'tok-1',
      details: { role: 'lead', scope: '15' },
      at: new Date('2024-06-01T00:00:00Z'),
    });
    expect(acts[0]).toMatchObject({ actor: engineer, target: null, details: { retried: 3 } });
  });

  it('filters by action and pages back in time', async () => {
    const created = await listAudit(warehouse.db, { limit: 10, action: 'token.created' });
    expect(created.map((a) => a.target)).toEqual(['tok-1']);
    const older = await listAudit(warehouse.db, {
      limit: 10,
      before: new Date('2024-06-02T00:00:00Z'),
    });
    expect(older.map((a) => a.action)).toEqual(['token.created']);
  });

  it('keeps nothing of an act whose transaction rolls back', async () => {
    await warehouse
      .write(async ({ db }) => {
        await recordAudit(db, {
          actor: admin,
          action: 'roster.uploaded',
          at: new Date('2024-06-03T00:00:00Z'),
        });
        throw new Error('the upload failed');
      })
      .catch(() => undefined);
    expect(await listAudit(warehouse.db, { limit: 10, action: 'roster.uploaded' })).toEqual([]);
  });
});
