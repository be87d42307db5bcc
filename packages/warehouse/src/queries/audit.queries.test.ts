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

  it('filters by action and pages back from an act', async () => {
    const created = await listAudit(warehouse.db, { limit: 10, action: 'token.created' });
    expect(created.map((a) => a.target)).toEqual(['tok-1']);
    const [newest] = await listAudit(warehouse.db, { limit: 1 });
    expect(newest?.action).toBe('jobs.retried');
    const older = await listAudit(warehouse.db, { limit: 10, beforeId: newest!.audit_id });
    expect(older.map((a) => a.action)).toEqual(['token.created']);
  });

  it('keeps the order acts were recorded in when the clock says the same time', async () => {
    const at = new Date('2024-06-05T00:00:00Z');
    await warehouse.write(async ({ db }) => {
      for (const target of ['a', 'b', 'c']) {
        await recordAudit(db, { actor: admin, action: 'token.revoked', target, at });
      }
    });
    const revoked = await listAudit(warehouse.db, { limit: 3, action: 'token.revoked' });
    expect(revoked.map((a) => a.target)).toEqual(['c', 'b', 'a']);
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
