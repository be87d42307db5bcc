// The import lifecycle on real DuckDB and Redis: limits, an unreachable queue, and what a stop
// leaves behind.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createImport,
  getImport,
  markImportRead,
  openWarehouse,
  type Warehouse,
} from '@pantau/warehouse';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueues, createRedis, deleteQueueKeys, type Queues } from '../queues';
import {
  ImportTooLarge,
  QueueUnavailable,
  recoverImports,
  SpoolFull,
  startImport,
  type ImportServices,
} from './import-lifecycle';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `lifecycle-${randomUUID().slice(0, 8)}`;
/** Every queue prefix this file creates, removed after the last test. */
const prefixes = [prefix];
const CSV = 'report_id,village_code,period,submitted_at,gov_online_letters_pct\n';
const ROW = 'r-1,15.02.02.2004,2024-01,2024-01-20T09:00:00,10\n';

let warehouse: Warehouse;
let queues: Queues;
let spoolDir: string;

beforeAll(async () => {
  warehouse = await openWarehouse({ dataDir: null });
  queues = createQueues(redisUrl, prefix);
  spoolDir = mkdtempSync(join(tmpdir(), 'pantau-spool-'));
});

afterAll(async () => {
  await queues.close();
  // Last, so that a queue's meta key written late (after its close) goes too.
  const redis = createRedis(redisUrl);
  for (const p of prefixes) await deleteQueueKeys(redis, p);
  await redis.quit();
  await warehouse.close();
  rmSync(spoolDir, { recursive: true, force: true });
});

function services(overrides: Partial<ImportServices> = {}): ImportServices {
  return {
    warehouse,
    validateQueue: queues.validate,
    queues: [queues.validate, queues.load],
    villages: { isVillage: () => true },
    spoolDir,
    clock: () => new Date(),
    logger: pino({ level: 'silent' }),
    limits: { maxBytes: 1_000, spoolQuotaBytes: 500 },
    ...overrides,
  };
}

async function* body(text: string, pieces = 1): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

function request(text: string, options: { dryRun?: boolean; declared?: boolean } = {}) {
  return {
    actor: { token_id: 'test', name: 'lifecycle test', role: 'engineer' },
    filename: 'f.csv',
    format: 'csv' as const,
    dryRun: options.dryRun ?? false,
    body: body(text, 10),
    declaredBytes: options.declared ? new TextEncoder().encode(text).length : null,
  };
}

async function latestImport() {
  return warehouse.db
    .selectFrom('imports')
    .select(['import_id', 'status', 'error', 'rows'])
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

describe('startImport', () => {
  it('queues a file, answers with its rows, and keeps who started it in the audit trail', async () => {
    const started = await startImport(services(), request(CSV + ROW));
    expect(started).toMatchObject({ rows: 1, status: 'running' });
    const audit = await warehouse.db
      .selectFrom('audit')
      .select(['action', 'target', 'actor_name'])
      .where('target', '=', started.import_id)
      .execute();
    expect(audit).toEqual([
      { action: 'import.started', target: started.import_id, actor_name: 'lifecycle test' },
    ]);
  });

  it('refuses a file whose declared length passes IMPORT_MAX_BYTES before creating an import', async () => {
    const before = await latestImport();
    const big = CSV + ROW.repeat(30);
    await expect(startImport(services(), request(big, { declared: true }))).rejects.toThrow(
      ImportTooLarge,
    );
    expect((await latestImport()).import_id).toBe(before.import_id);
  });

  it('fails an import whose stream passes IMPORT_MAX_BYTES, saying so', async () => {
    const big = CSV + ROW.repeat(30);
    await expect(startImport(services(), request(big))).rejects.toThrow(ImportTooLarge);
    expect(await latestImport()).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/larger than 1,000 bytes \(IMPORT_MAX_BYTES\)/),
    });
  });

  it('refuses a dry run that does not fit the spool, and leaves no file behind', async () => {
    const file = CSV + ROW.repeat(10); // 600-odd bytes: within the import limit, not the spool
    await expect(startImport(services(), request(file, { dryRun: true }))).rejects.toThrow(
      SpoolFull,
    );
    expect(readdirSync(spoolDir)).toEqual([]);
    expect(await latestImport()).toMatchObject({ status: 'failed' });
  });

  it('fails an import the queue cannot take, as QueueUnavailable', async () => {
    const closed = createQueues(redisUrl, prefix);
    await closed.close();
    await expect(
      startImport(services({ validateQueue: closed.validate }), request(CSV + ROW)),
    ).rejects.toThrow(QueueUnavailable);
    expect(await latestImport()).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^upload failed: the queue \(Redis\) refused the rows/),
    });
  });
});

describe('recoverImports', () => {
  it('fails imports a stop interrupted, and those whose rows no queue holds, and sweeps the spool', async () => {
    const store = await openWarehouse({ dataDir: null });
    const now = new Date();
    const create = (id: string, dryRun = false) =>
      store.write(({ db }) =>
        createImport(db, {
          import_id: id,
          filename: null,
          format: 'csv',
          dry_run: dryRun,
          created_at: now,
        }),
      );
    await create('queued');
    await create('reading');
    await store.write(({ db }) =>
      db
        .updateTable('imports')
        .set({ status: 'running', processed: 7 })
        .where('import_id', '=', 'reading')
        .execute(),
    );
    await create('dry', true);
    await create('read');
    await store.write(({ db }) => markImportRead(db, 'read', 10));
    writeFileSync(join(spoolDir, 'imp-dead.csv'), CSV);
    const idlePrefix = `lifecycle-idle-${randomUUID().slice(0, 8)}`;
    prefixes.push(idlePrefix);
    const idle = createQueues(redisUrl, idlePrefix);
    try {
      const recovered = await recoverImports({
        warehouse: store,
        queues: [idle.validate, idle.load],
        spoolDir,
        clock: () => now,
      });
      expect(recovered).toEqual({ interrupted: 3, lost: 1, spooled: 1 });
    } finally {
      await idle.close();
    }
    expect(existsSync(join(spoolDir, 'imp-dead.csv'))).toBe(false);
    expect(await getImport(store.db, 'reading')).toMatchObject({
      status: 'failed',
      error:
        'interrupted: the API stopped while the file was being read, after 7 rows were loaded (they stay; a re-import of the file ignores them)',
    });
    expect(await getImport(store.db, 'dry')).toMatchObject({ status: 'failed' });
    expect(await getImport(store.db, 'read')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^lost: 0 of 10 rows were loaded/),
    });
    await store.close();
  });
});
