// The audit trail: record an act (who, what, when) and list them, newest first.
import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditTable, Database } from '../schema';

/** Who acted: a principal's token id, name and role (any object carrying them will do). */
export interface AuditActor {
  token_id: string;
  name: string;
  role: string;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  at: Date;
  target?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditRecord {
  audit_id: number;
  at: Date;
  actor: AuditActor;
  action: AuditAction;
  target: string | null;
  details: Record<string, unknown> | null;
}

function toRecord(row: Selectable<AuditTable>): AuditRecord {
  return {
    audit_id: row.audit_id,
    at: row.occurred_at,
    actor: { token_id: row.actor_token_id, name: row.actor_name, role: row.actor_role },
    action: row.action,
    target: row.target,
    details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
  };
}

/**
 * Records one act. Call it inside `warehouse.write`, in the same transaction as the act when
 * the act is itself a write, so that the trail and the change stand or fall together.
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<AuditRecord> {
  const row = await db
    .insertInto('audit')
    .values({
      occurred_at: entry.at.toISOString(),
      actor_token_id: entry.actor.token_id,
      actor_name: entry.actor.name,
      actor_role: entry.actor.role,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/**
 * Acts newest (last recorded) first; only those of `action`, or recorded before the act
 * `beforeId`, when given.
 */
export async function listAudit(
  db: Kysely<Database>,
  options: { limit: number; action?: AuditAction; beforeId?: number },
): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit').selectAll();
  if (options.action) query = query.where('action', '=', options.action);
  if (options.beforeId !== undefined) query = query.where('audit_id', '<', options.beforeId);
  const rows = await query.orderBy('audit_id', 'desc').limit(options.limit).execute();
  return rows.map(toRecord);
}
