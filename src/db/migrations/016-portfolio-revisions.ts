import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * A revision per engagement that every change to what the portfolio derives from it raises:
 * - what its pilots' KPIs are computed from: order lines, deliveries, incoming inspections, production-log
 *   imports, the message thread, corrective actions, the agreed cadence, the pilots and their KPI definitions;
 * - what decides its claims: the evidence shared into it, that evidence's claim links and validity;
 * - the engagement itself (its policy, its scope) and the supplier's claims (values, quoted lead time) and sites
 *   (time zone).
 * The portfolio keeps each engagement's derived figures under the revision they were computed at
 * (services/portfolio/kept.ts). Policies are not watched: a policy row is never changed, a new version is a new
 * row, and an engagement moving to it is a change of the engagement.
 *
 * Triggers on the tables, not calls in the services: a write path added later cannot forget it. Finer than the
 * organization revisions of migration 012, which any write of a buyer raises: a message in one engagement must not
 * make a thousand engagements' pilots be evaluated again.
 *
 * Production logs themselves carry no trigger (an import writes a million of them): KPIs read only logs of
 * completed imports, and an import's status changes on its quality_imports row, which does.
 *
 * PostgreSQL raises the revision at commit (a deferred constraint trigger), once per transaction and engagement
 * (`raised_in`): the row lock is held for the commit only, and a bulk import does not update one row thousands
 * of times.
 */

/** The engagements a changed row belongs to, as SQL over its `NEW` or `OLD` values. */
const SOURCES: { table: string; engagementsOf: (row: string) => string }[] = [
  ...['purchase_order_lines', 'deliveries', 'incoming_inspections', 'quality_imports', 'messages', 'discrepancies', 'engagement_cadence', 'pilots'].map((table) => ({
    table,
    engagementsOf: (row: string) => `select ${row}.engagement_id`,
  })),
  { table: 'discrepancy_steps', engagementsOf: (row) => `select engagement_id from discrepancies where id = ${row}.discrepancy_id` },
  { table: 'pilot_kpis', engagementsOf: (row) => `select engagement_id from pilots where id = ${row}.pilot_id` },
  { table: 'claims', engagementsOf: (row) => `select id from engagements where supplier_organization_id = ${row}.organization_id` },
  { table: 'sites', engagementsOf: (row) => `select id from engagements where supplier_organization_id = ${row}.organization_id` },
  { table: 'engagements', engagementsOf: (row) => `select ${row}.id` },
  { table: 'engagement_evidence', engagementsOf: (row) => `select ${row}.engagement_id` },
  { table: 'evidence', engagementsOf: (row) => `select engagement_id from engagement_evidence where evidence_id = ${row}.id` },
  { table: 'evidence_claim_links', engagementsOf: (row) => `select engagement_id from engagement_evidence where evidence_id = ${row}.evidence_id` },
];

const RAISE = 'UPDATE portfolio_revisions SET revision = revision + 1';

export function portfolioRevisionsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('portfolio_revisions')
        .addColumn('engagement_id', 'text', (c) => c.primaryKey().references('engagements.id').onDelete('cascade'))
        .addColumn('revision', 'bigint', (c) => c.notNull())
        // PostgreSQL: the transaction that raised it last, so that it is raised once per transaction.
        .addColumn('raised_in', 'bigint')
        .execute();
      await sql`insert into portfolio_revisions (engagement_id, revision) select id, 0 from engagements`.execute(db);
      if (dialect === 'postgres') await postgresTriggers(db);
      else await sqliteTriggers(db);
    },
  };
}

async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  await sql`CREATE TRIGGER engagements_have_portfolio_revision AFTER INSERT ON engagements BEGIN
    INSERT INTO portfolio_revisions (engagement_id, revision) VALUES (NEW.id, 0);
    END`.execute(db);
  for (const s of SOURCES) {
    for (const [event, rows] of [['INSERT', ['NEW']], ['UPDATE', ['NEW', 'OLD']], ['DELETE', ['OLD']]] as const) {
      await sql
        .raw(`CREATE TRIGGER ${s.table}_raises_portfolio_revision_${event.toLowerCase()} AFTER ${event} ON ${s.table} BEGIN
          ${RAISE} WHERE engagement_id IN (${rows.map((r) => s.engagementsOf(r)).join(' UNION ')});
          END`)
        .execute(db);
    }
  }
}

async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql`CREATE FUNCTION engagements_have_portfolio_revision() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO portfolio_revisions (engagement_id, revision) VALUES (NEW.id, 0);
      RETURN NULL;
    END $$`.execute(db);
  // Immediate, so that the deferred raises of the same transaction find the row.
  await sql`CREATE TRIGGER engagements_have_portfolio_revision AFTER INSERT ON engagements FOR EACH ROW EXECUTE FUNCTION engagements_have_portfolio_revision()`.execute(db);
  const raise = (row: string, s: (typeof SOURCES)[number]) =>
    `${RAISE}, raised_in = txid_current() WHERE raised_in IS DISTINCT FROM txid_current() AND engagement_id IN (${s.engagementsOf(row)});`;
  for (const s of SOURCES) {
    await sql
      .raw(`CREATE FUNCTION ${s.table}_raise_portfolio_revision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'DELETE' THEN ${raise('NEW', s)} END IF;
          IF TG_OP <> 'INSERT' THEN ${raise('OLD', s)} END IF;
          RETURN NULL;
        END $$`)
      .execute(db);
    await sql
      .raw(`CREATE CONSTRAINT TRIGGER ${s.table}_raises_portfolio_revision AFTER INSERT OR UPDATE OR DELETE ON ${s.table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${s.table}_raise_portfolio_revision()`)
      .execute(db);
  }
}
