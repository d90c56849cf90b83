// Migration 016: a change to any table the portfolio derives an engagement's figures from raises that engagement's
// revision (and only the engagements it belongs to), so kept figures are never served for changed data. The tables
// are listed here on their own, from what the panels read (services/pilots/sources.ts, the claims panel), not
// taken from the migration: a table the migration forgot fails here.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../src/clock.js';
import { seedDemo } from '../../src/demo/seed.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A row of each table, found with the engagement(s) it belongs to, and a column to rewrite with its own value. */
const TABLES: { table: string; key: string; column: string; engagementsOf: string }[] = [
  ...['purchase_order_lines', 'deliveries', 'incoming_inspections', 'quality_imports', 'messages', 'discrepancies', 'pilots'].map((table) => ({
    table,
    key: 'id',
    column: 'engagement_id',
    engagementsOf: `select engagement_id from ${table} where id = :key`,
  })),
  { table: 'engagement_cadence', key: 'engagement_id', column: 'progress_update_every_days', engagementsOf: 'select :key' },
  { table: 'discrepancy_steps', key: 'discrepancy_id', column: 'due_at', engagementsOf: 'select engagement_id from discrepancies where id = :key' },
  { table: 'pilot_kpis', key: 'id', column: 'target', engagementsOf: 'select p.engagement_id from pilot_kpis k join pilots p on p.id = k.pilot_id where k.id = :key' },
  { table: 'claims', key: 'id', column: 'value', engagementsOf: 'select e.id from claims c join engagements e on e.supplier_organization_id = c.organization_id where c.id = :key' },
  { table: 'sites', key: 'id', column: 'time_zone', engagementsOf: 'select e.id from sites s join engagements e on e.supplier_organization_id = s.organization_id where s.id = :key' },
  { table: 'engagements', key: 'id', column: 'scope', engagementsOf: 'select :key' },
  { table: 'engagement_evidence', key: 'evidence_id', column: 'shared_at', engagementsOf: 'select engagement_id from engagement_evidence where evidence_id = :key' },
  { table: 'evidence', key: 'id', column: 'valid_to', engagementsOf: 'select engagement_id from engagement_evidence where evidence_id = :key' },
  { table: 'evidence_claim_links', key: 'evidence_id', column: 'effect', engagementsOf: 'select engagement_id from engagement_evidence where evidence_id = :key' },
];

async function revisions(db: AnyDb): Promise<Map<string, number>> {
  const rows = await db.selectFrom('portfolio_revisions').select(['engagement_id', 'revision']).execute();
  return new Map(rows.map((r) => [r.engagement_id as string, Number(r.revision)]));
}

async function raw<T>(db: AnyDb, text: string, key?: string): Promise<T[]> {
  const parts = text.split(':key');
  const query = key === undefined ? sql.raw(text) : sql.join(parts.map((p) => sql.raw(p)), sql`${key}`);
  return (await sql<T>`${query}`.execute(db)).rows;
}

describe.each(TEST_DATABASES)('portfolio revisions on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let db: AnyDb;
  let restoreClock: () => void;
  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(fixedClock('2026-11-20T09:00:00.000Z'));
    ctx = await createTestContext(name);
    await seedDemo(ctx);
    db = ctx.handle.db as AnyDb;
  }, 120_000);
  afterAll(async () => {
    if (skipReason) return;
    await ctx.cleanup();
    restoreClock();
  });

  it.skipIf(skipReason)('every engagement has a revision, a new one too', async () => {
    const engagements = await raw<{ id: string }>(db, 'select id from engagements');
    expect(engagements.length).toBeGreaterThan(2);
    expect([...(await revisions(db)).keys()].sort()).toEqual(engagements.map((e) => e.id).sort());
  });

  it.skipIf(skipReason).each(TABLES)('a change to $table raises the revision of its engagements and of no other', async (t) => {
    const [row] = await raw<{ k: string }>(db, `select ${t.key} as k from ${t.table} order by ${t.key} limit 1`);
    expect(row, `the demo has ${t.table}`).toBeDefined();
    const mine = new Set((await raw<{ id: string }>(db, t.engagementsOf.replace('select :key', 'select :key as id').replace(/select (\S+) from/, 'select $1 as id from'), row!.k)).map((r) => r.id));
    expect(mine.size).toBeGreaterThan(0);
    const before = await revisions(db);
    await raw(db, `update ${t.table} set ${t.column} = ${t.column} where ${t.key} = :key`, row!.k);
    const after = await revisions(db);
    for (const [id, r] of after) {
      if (mine.has(id)) expect(r, `${t.table} → ${id}`).toBeGreaterThan(before.get(id)!);
      else expect(r, `${t.table} → other engagement ${id}`).toBe(before.get(id));
    }
  });

  it.skipIf(skipReason)('inserts and deletes raise it too; a rolled-back change does not', async () => {
    const [m] = await raw<Record<string, unknown>>(db, "select * from messages where kind = 'progress_update' limit 1");
    const engagementId = m!.engagement_id as string;
    const at = async () => (await revisions(db)).get(engagementId)!;
    const r0 = await at();
    await db.insertInto('messages').values({ ...m, id: 'msg-revision-test' }).execute();
    const r1 = await at();
    expect(r1).toBeGreaterThan(r0);
    await db.deleteFrom('messages').where('id', '=', 'msg-revision-test').execute();
    const r2 = await at();
    expect(r2).toBeGreaterThan(r1);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('messages').values({ ...m, id: 'msg-rolled-back' }).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await at()).toBe(r2);
  });

  it.skipIf(skipReason)('many rows changed in one transaction raise it (once per transaction on PostgreSQL)', async () => {
    const [e] = await raw<{ engagement_id: string; n: number }>(db, 'select engagement_id, count(*) as n from purchase_order_lines group by engagement_id order by count(*) desc limit 1');
    expect(Number(e!.n)).toBeGreaterThan(1);
    const before = (await revisions(db)).get(e!.engagement_id)!;
    await db.transaction().execute((trx) => trx.updateTable('purchase_order_lines').set({ item: sql`item` }).where('engagement_id', '=', e!.engagement_id).execute());
    const after = (await revisions(db)).get(e!.engagement_id)!;
    if (ctx.handle.dialect === 'postgres') expect(after).toBe(before + 1);
    else expect(after).toBeGreaterThan(before);
  });
});
