import type { Insertable } from 'kysely';
import type { AuditLogTable } from '../schema.js';
import type { Executor } from './executor.js';

// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters.
const ROWS_PER_INSERT = 200;

/** Entries in the order given (their seq follows it). */
export async function appendAudits(db: Executor, rows: readonly Insertable<AuditLogTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insertInto('audit_log').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
}

export function listAudit(db: Executor, organizationId: string, f: { limit: number; before?: number; action?: string }) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .selectAll('audit_log')
    .select('users.display_name as actor_display_name')
    .where('audit_log.organization_id', '=', organizationId);
  if (f.before) q = q.where('audit_log.seq', '<', f.before);
  if (f.action) q = q.where('audit_log.action', '=', f.action);
  return q.orderBy('audit_log.seq', 'desc').limit(f.limit).execute();
}
