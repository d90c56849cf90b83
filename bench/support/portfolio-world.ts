// Workspaces at portfolio scale, generated from the demo: the demo is seeded by the product (seedDemo), then the demo
// buyer's engagements are cloned — each clone with a supplier of its own (organization, sites, claims), its evidence
// and claim links, pilots with KPIs and evaluation points, orders and deliveries, discrepancies with their 8D steps,
// messages and gate decisions — and every engagement's evidence is padded to the wanted count with copies of its
// own items (lots get new numbers, certificates new validity dates spread around today, so the expiring panel and
// the renewal rules have work). Rows are copied column by column, every id remapped, so the copies have exactly the
// shape the product writes. Both SQLite and PostgreSQL (a `schema` parameter in the URL isolates a run).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { seedDemo } from '../../src/demo/seed.js';
import { openRuntime } from '../../src/runtime.js';
import { DEMO_BUYER } from './api.js';

type Row = Record<string, unknown>;
// The generator copies whatever columns each table has; it is not typed against the schema on purpose.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DAY = 86_400_000;

async function select(db: AnyDb, table: string, column: string, values: readonly unknown[]): Promise<Row[]> {
  const out: Row[] = [];
  for (let i = 0; i < values.length; i += 500) {
    out.push(...((await db.selectFrom(table).selectAll().where(column, 'in', values.slice(i, i + 500)).execute()) as Row[]));
  }
  return out;
}

async function insert(db: AnyDb, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(20_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) await db.insertInto(table).values(rows.slice(i, i + per)).execute();
}

/** An engagement and what hangs off it, as rows per table, in an order where every row's parents come first. */
interface Subgraph {
  tables: [string, Row[]][];
}

async function engagementSubgraph(db: AnyDb, engagementId: string): Promise<Subgraph> {
  const [e] = await select(db, 'engagements', 'id', [engagementId]);
  const supplierId = e!.supplier_organization_id as string;
  const t: [string, Row[]][] = [];
  const add = (name: string, rows: Row[]) => (t.push([name, rows]), rows);
  add('organizations', await select(db, 'organizations', 'id', [supplierId]));
  add('sites', await select(db, 'sites', 'organization_id', [supplierId]));
  const claims = add('claims', (await select(db, 'claims', 'organization_id', [supplierId])).filter((c) => c.withdrawn_at == null));
  add('engagements', [e!]);
  const links = (await select(db, 'engagement_evidence', 'engagement_id', [engagementId])).filter((l) => l.withdrawn_at == null);
  add('evidence', await select(db, 'evidence', 'id', links.map((l) => l.evidence_id)));
  add('engagement_evidence', links);
  const claimIds = new Set(claims.map((c) => c.id));
  add('evidence_claim_links', (await select(db, 'evidence_claim_links', 'evidence_id', links.map((l) => l.evidence_id))).filter((l) => claimIds.has(l.claim_id)));
  for (const table of ['order_imports', 'purchase_order_lines', 'deliveries', 'messages', 'gate_decisions', 'engagement_cadence', 'escalation_contacts', 'waivers']) {
    add(table, await select(db, table, 'engagement_id', [engagementId]));
  }
  const pilots = add('pilots', await select(db, 'pilots', 'engagement_id', [engagementId]));
  const pilotIds = pilots.map((p) => p.id);
  add('pilot_kpis', await select(db, 'pilot_kpis', 'pilot_id', pilotIds));
  add('pilot_evaluation_points', await select(db, 'pilot_evaluation_points', 'pilot_id', pilotIds));
  const discrepancies = add('discrepancies', await select(db, 'discrepancies', 'engagement_id', [engagementId]));
  add('discrepancy_steps', await select(db, 'discrepancy_steps', 'discrepancy_id', discrepancies.map((d) => d.id)));
  return { tables: t };
}

/** Copies of the rows with every id of the subgraph replaced by a fresh one (other values kept). */
function cloneSubgraph(g: Subgraph, k: number): { tables: [string, Row[]][]; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  for (const [, rows] of g.tables) for (const r of rows) if (typeof r.id === 'string') ids.set(r.id, randomUUID());
  const remap = (v: unknown) => (typeof v === 'string' && ids.has(v) ? ids.get(v)! : v);
  const tables = g.tables.map(([name, rows]): [string, Row[]] => [
    name,
    rows.map((r) => {
      const c: Row = {};
      for (const [col, v] of Object.entries(r)) c[col] = remap(v);
      if (name === 'organizations') c.name = `${String(r.name)} ${k}`;
      if (name === 'engagements') c.title = `${String(r.title)} #${k}`;
      return c;
    }),
  ]);
  return { tables, ids };
}

/**
 * Adds evidence to an engagement until it holds `target` items: copies of its own items in turn (the engagement's
 * links carry over), lots renumbered, validity moved so that some expire soon, some lapsed and most run for a year.
 */
export async function padEvidence(db: AnyDb, engagementId: string, target: number, now = Date.now()): Promise<number> {
  const links = (await select(db, 'engagement_evidence', 'engagement_id', [engagementId])).filter((l) => l.withdrawn_at == null);
  const have = links.length;
  if (have >= target || have === 0) return have;
  const items = new Map((await select(db, 'evidence', 'id', links.map((l) => l.evidence_id))).map((e) => [e.id as string, e]));
  const evidence: Row[] = [];
  const shared: Row[] = [];
  for (let i = 0; have + i < target; i++) {
    const link = links[i % have]!;
    const src = items.get(link.evidence_id as string)!;
    const id = randomUUID();
    const e: Row = { ...src, id };
    if (src.kind === 'batch_test_record') {
      const attributes = JSON.parse(String(src.attributes)) as Record<string, unknown>;
      attributes.lot = `${String(attributes.lot ?? 'LOT')}-${i}`;
      e.attributes = JSON.stringify(attributes);
      e.title = `${String(src.title)} (${i})`;
    }
    if (src.valid_to != null) e.valid_to = new Date(now + (((i * 37) % 500) - 100) * DAY).toISOString();
    evidence.push(e);
    shared.push({ ...link, evidence_id: id });
  }
  await insert(db, 'evidence', evidence);
  await insert(db, 'engagement_evidence', shared);
  return target;
}

export interface PortfolioWorkspace {
  buyerEmail: string;
  engagements: number;
  evidence: number;
  ms: number;
}

async function buyerOrganization(db: AnyDb): Promise<string> {
  const r = (await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.organization_id')
    .where('u.email', '=', DEMO_BUYER)
    .executeTakeFirstOrThrow()) as { organization_id: string };
  return r.organization_id;
}

export async function buyerEngagementIds(db: AnyDb, buyerId: string): Promise<string[]> {
  return ((await db.selectFrom('engagements').select('id').where('buyer_organization_id', '=', buyerId).orderBy('created_at').execute()) as { id: string }[]).map((r) => r.id);
}

/**
 * Seeds the demo into `databaseUrl`, then grows the demo buyer's workspace to `engagements` engagements holding
 * `evidencePerEngagement` evidence items each.
 */
export async function makePortfolioWorkspace(databaseUrl: string, dataDir: string, opts: { engagements: number; evidencePerEngagement: number }): Promise<PortfolioWorkspace> {
  const t0 = Date.now();
  const ctx = await openRuntime({ databaseUrl, dataDir });
  try {
    await seedDemo(ctx);
    const db = ctx.handle.db as AnyDb;
    const buyerId = await buyerOrganization(db);
    const sources = await buyerEngagementIds(db, buyerId);
    const graphs = await Promise.all(sources.map((id) => engagementSubgraph(db, id)));
    const created: string[] = [];
    // Blocks of 50 clones a transaction: PostgreSQL keeps its transactions short, SQLite its journal small.
    for (let k = 0; sources.length + k < opts.engagements; ) {
      await db.transaction().execute(async (trx) => {
        for (let n = 0; n < 50 && sources.length + k < opts.engagements; n++, k++) {
          const src = sources[k % sources.length]!;
          const c = cloneSubgraph(graphs[k % graphs.length]!, k + 1);
          for (const [table, rows] of c.tables) await insert(trx, table, rows);
          created.push(c.ids.get(src)!);
        }
      });
    }
    const all = [...sources, ...created];
    let evidence = 0;
    for (let i = 0; i < all.length; i += 50) {
      await db.transaction().execute(async (trx) => {
        for (const id of all.slice(i, i + 50)) evidence += await padEvidence(trx, id, opts.evidencePerEngagement);
      });
    }
    // As after any bulk load: fresh planner statistics. Without them PostgreSQL plans the portfolio's reads for the
    // demo's few rows (9 engagements, 463 shared items): the expiring panel scanned all 100,000 shared items, 370 ms
    // instead of 7 ms; autovacuum would analyze the tables only some time later.
    if (ctx.handle.dialect === 'postgres') {
      const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
      for (const t of rows) await sql`analyze ${sql.id(t.name)}`.execute(db);
    }
    return { buyerEmail: DEMO_BUYER, engagements: all.length, evidence, ms: Date.now() - t0 };
  } finally {
    await ctx.close();
  }
}

/** Seeds the demo into `databaseUrl` and pads its main engagement (the buyer's with the most evidence) to `evidence` items. */
export async function makeReadinessWorkspace(databaseUrl: string, dataDir: string, evidence: number): Promise<{ engagementId: string; evidence: number }> {
  const ctx = await openRuntime({ databaseUrl, dataDir });
  try {
    await seedDemo(ctx);
    const db = ctx.handle.db as AnyDb;
    const ids = await buyerEngagementIds(db, await buyerOrganization(db));
    const links = await select(db, 'engagement_evidence', 'engagement_id', ids);
    const count = (id: string) => links.filter((l) => l.engagement_id === id).length;
    const main = ids.reduce((a, b) => (count(b) > count(a) ? b : a));
    const n = await db.transaction().execute((trx) => padEvidence(trx, main, evidence));
    return { engagementId: main, evidence: n };
  } finally {
    await ctx.close();
  }
}
