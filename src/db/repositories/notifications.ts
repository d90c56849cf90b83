// In-app notifications per user and organization, the email outbox and job leases. Claiming outbox rows takes a
// lease (locked_until) in one statement; on PostgreSQL with FOR UPDATE SKIP LOCKED, so servers sharing the
// database each take different rows and none waits for another.
import { sql, type Selectable } from 'kysely';
import type { DialectName } from '../connection.js';
import type { Executor } from './executor.js';
import type { NotificationsTable, OutboxTable } from '../schema/discrepancies.js';

export type NotificationRow = Selectable<NotificationsTable>;
export type OutboxRow = Selectable<OutboxTable>;

export async function insertNotifications(db: Executor, rows: NotificationRow[]) {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

export function listNotificationsOf(db: Executor, userId: string, organizationId: string, f: { unreadOnly?: boolean; limit: number }) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('organization_id', '=', organizationId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(f.limit).execute();
}

export async function countUnread(db: Executor, userId: string, organizationId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Marks the given (or all) unread notifications of the user in the organization read; returns how many. */
export async function markNotificationsRead(db: Executor, userId: string, organizationId: string, ids: string[] | 'all', at: string): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('organization_id', '=', organizationId).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------------------------
// Outbox

export async function enqueueEmails(db: Executor, rows: OutboxRow[]) {
  if (rows.length) await db.insertInto('outbox').values(rows).execute();
}

/** Takes up to `limit` due emails for `owner` until `lockedUntil`, counting the attempt. */
export async function claimOutbox(db: Executor, dialect: DialectName, owner: string, now: string, lockedUntil: string, limit: number): Promise<OutboxRow[]> {
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked());
  return db
    .updateTable('outbox')
    .set((eb) => ({ locked_until: lockedUntil, locked_by: owner, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function markEmailSent(db: Executor, id: string, owner: string, at: string) {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: at, locked_until: null, last_error: null }).where('id', '=', id).where('locked_by', '=', owner).execute();
}

export async function markEmailFailed(db: Executor, id: string, owner: string, error: string, nextAttemptAt: string | null) {
  await db
    .updateTable('outbox')
    .set(nextAttemptAt ? { next_attempt_at: nextAttemptAt, locked_until: null, last_error: error.slice(0, 1000) } : { status: 'failed', locked_until: null, last_error: error.slice(0, 1000) })
    .where('id', '=', id)
    .where('locked_by', '=', owner)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Job leases

/** True when `owner` holds the lease of job `name` until `until` (free, expired, or already its own). */
export async function tryLease(db: Executor, name: string, owner: string, now: string, until: string): Promise<boolean> {
  await db
    .insertInto('job_leases')
    .values({ name, owner: null, locked_until: new Date(0).toISOString(), last_run_at: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const r = await db
    .updateTable('job_leases')
    .set({ owner, locked_until: until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('locked_until', '<', now), eb('owner', '=', owner)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseLease(db: Executor, name: string, owner: string, at: string) {
  await db.updateTable('job_leases').set({ locked_until: at, last_run_at: at }).where('name', '=', name).where('owner', '=', owner).execute();
}

/** `select 1` through the pool, so callers can tell a database outage from a job failure. */
export async function ping(db: Executor) {
  await sql`select 1`.execute(db);
}
