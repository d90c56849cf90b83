// The Merkle log's rows: entries, perfect-subtree hashes, the size row whose lock orders appends, checkpoints.
import { sql, type Selectable } from 'kysely';
import type { LogEntriesTable } from '../schema/record.js';
import type { Executor } from './executor.js';

export type LogEntryRow = Selectable<LogEntriesTable>;

const num = (v: unknown) => Number(v);
const entry = (r: LogEntryRow): LogEntryRow => ({ ...r, leaf_index: num(r.leaf_index), seq: num(r.seq) });

/**
 * Claims the next `count` leaf indices. The UPDATE takes the row's write lock (PostgreSQL) or the database's write
 * lock (SQLite) until the caller's transaction ends, so appends from any number of servers get consecutive indexes
 * in commit order; a rolled-back append gives its indices back.
 */
export async function claimNextIndices(db: Executor, count: number): Promise<{ first: number; origin: string }> {
  const row = await db
    .updateTable('log_state')
    .set({ size: sql<number>`size + ${count}` })
    .where('id', '=', 1)
    .returning(['size', 'origin'])
    .executeTakeFirstOrThrow();
  return { first: num(row.size) - count, origin: row.origin };
}

export async function logState(db: Executor): Promise<{ size: number; origin: string }> {
  const row = await db.selectFrom('log_state').select(['size', 'origin']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { size: num(row.size), origin: row.origin };
}

export async function streamHead(db: Executor, stream: string): Promise<{ seq: number; leafHash: string } | null> {
  const row = await db.selectFrom('log_entries').select(['seq', 'leaf_hash']).where('stream', '=', stream).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: num(row.seq), leafHash: row.leaf_hash } : null;
}

// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters.
const ENTRIES_PER_INSERT = 200;
const NODES_PER_INSERT = 1000;

export async function insertLogEntries(db: Executor, rows: readonly LogEntryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ENTRIES_PER_INSERT) await db.insertInto('log_entries').values(rows.slice(i, i + ENTRIES_PER_INSERT)).execute();
}

export async function insertLogNodes(db: Executor, rows: readonly { level: number; idx: number; hash: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += NODES_PER_INSERT) await db.insertInto('log_nodes').values(rows.slice(i, i + NODES_PER_INSERT)).execute();
}

/** Hashes of the given perfect subtrees, keyed "level/idx". */
export async function findLogNodes(db: Executor, nodes: { level: number; index: number }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byLevel = new Map<number, number[]>();
  for (const n of nodes) byLevel.set(n.level, [...(byLevel.get(n.level) ?? []), n.index]);
  for (const [level, idxs] of byLevel) {
    for (let i = 0; i < idxs.length; i += 500) {
      const rows = await db.selectFrom('log_nodes').select(['idx', 'hash']).where('level', '=', level).where('idx', 'in', idxs.slice(i, i + 500)).execute();
      for (const r of rows) out.set(`${level}/${num(r.idx)}`, r.hash);
    }
  }
  return out;
}

export async function findLogEntryByIndex(db: Executor, index: number): Promise<LogEntryRow | undefined> {
  const r = await db.selectFrom('log_entries').selectAll().where('leaf_index', '=', index).executeTakeFirst();
  return r && entry(r);
}

/** The entries that log one record (an evidence item shared into two engagements has two). */
export async function findLogEntriesForRecord(db: Executor, recordId: string): Promise<LogEntryRow[]> {
  return (await db.selectFrom('log_entries').selectAll().where('record_id', '=', recordId).orderBy('leaf_index').execute()).map(entry);
}

export async function listStream(db: Executor, stream: string, belowSize: number): Promise<LogEntryRow[]> {
  return (await db.selectFrom('log_entries').selectAll().where('stream', '=', stream).where('leaf_index', '<', belowSize).orderBy('leaf_index').execute()).map(entry);
}

/** Key and key-revocation entries of the given organizations. */
export async function listKeyEntries(db: Executor, organizationIds: string[], belowSize: number): Promise<LogEntryRow[]> {
  if (organizationIds.length === 0) return [];
  return (
    await db
      .selectFrom('log_entries')
      .selectAll()
      .where('organization_id', 'in', organizationIds)
      .where('kind', 'in', ['key', 'key_revocation'])
      .where('leaf_index', '<', belowSize)
      .orderBy('leaf_index')
      .execute()
  ).map(entry);
}

export async function findCheckpoint(db: Executor, size: number) {
  return db.selectFrom('log_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
}

export async function insertCheckpoint(db: Executor, row: { size: number; root: string; note: string; created_at: string }): Promise<void> {
  await db.insertInto('log_checkpoints').values(row).onConflict((oc) => oc.column('size').doNothing()).execute();
}
