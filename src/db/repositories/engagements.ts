import type { Kysely, Selectable } from 'kysely';
import { prepared } from '../prepared.js';
import type { Database, EngagementsTable, GateDecisionsTable, MessagesTable, PoliciesTable, WaiversTable } from '../schema.js';
import type { Executor } from './executor.js';

export type EngagementRow = Selectable<EngagementsTable>;
export type GateDecisionRow = Selectable<GateDecisionsTable>;
export type WaiverRow = Selectable<WaiversTable>;
export type MessageRow = Selectable<MessagesTable>;
export type PolicyRow = Selectable<PoliciesTable>;

export async function insertEngagement(db: Executor, row: EngagementRow) {
  await db.insertInto('engagements').values(row).execute();
}

/** An engagement the organization is a party to; anything else does not exist for it. */
export function findEngagementFor(db: Executor, organizationId: string, id: string): Promise<EngagementRow | undefined> {
  return db
    .selectFrom('engagements')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('buyer_organization_id', '=', organizationId), eb('supplier_organization_id', '=', organizationId)]))
    .executeTakeFirst();
}

export function listEngagementsFor(
  db: Executor,
  organizationId: string,
  f: { phase?: string; role?: 'buyer' | 'supplier'; q?: string; counterpartId?: string; limit: number },
) {
  let q = db.selectFrom('engagements').selectAll();
  if (f.role === 'buyer') q = q.where('buyer_organization_id', '=', organizationId);
  else if (f.role === 'supplier') q = q.where('supplier_organization_id', '=', organizationId);
  else q = q.where((eb) => eb.or([eb('buyer_organization_id', '=', organizationId), eb('supplier_organization_id', '=', organizationId)]));
  if (f.phase) q = q.where('phase', '=', f.phase);
  if (f.counterpartId) q = q.where((eb) => eb.or([eb('buyer_organization_id', '=', f.counterpartId!), eb('supplier_organization_id', '=', f.counterpartId!)]));
  if (f.q) q = q.where((eb) => eb(eb.fn('lower', ['title']), 'like', `%${f.q!.toLowerCase().replace(/[%_]/g, '')}%`));
  return q.orderBy('created_at', 'desc').limit(f.limit).execute();
}

/**
 * What an engagement's view shows, in one query: its own columns, both organizations, its policy's head, and the
 * latest version of that policy its buyer may move to (the buyer's own or the shipped one, whichever is higher; the
 * buyer's own on a tie). The list, one engagement and a new one are all read through here: reading the engagements
 * first and then their organizations, policies and policy versions apiece took four queries for every list.
 */
function engagementViews(db: Kysely<Database>) {
  return db
    .selectFrom('engagements')
    .innerJoin('organizations as buyer', 'buyer.id', 'engagements.buyer_organization_id')
    .innerJoin('organizations as supplier', 'supplier.id', 'engagements.supplier_organization_id')
    .innerJoin('policies as policy', 'policy.id', 'engagements.policy_id')
    .leftJoin('policies as latest', (j) =>
      j.on((eb) =>
        eb(
          'latest.id',
          '=',
          eb
            .selectFrom('policies as candidate')
            .select('candidate.id')
            .whereRef('candidate.key', '=', 'policy.key')
            .where((c) => c.or([c('candidate.organization_id', 'is', null), c('candidate.organization_id', '=', c.ref('engagements.buyer_organization_id'))]))
            .orderBy('candidate.version', 'desc')
            .orderBy((c) => c('candidate.organization_id', 'is', null))
            .limit(1),
        ),
      ),
    )
    .select([
      'engagements.id',
      'engagements.title',
      'engagements.scope',
      'engagements.cross_border',
      'engagements.phase',
      'engagements.phase_started_at',
      'engagements.created_at',
      'engagements.responded_at',
      'engagements.response_note',
      'engagements.buyer_organization_id',
      'engagements.supplier_organization_id',
      'engagements.policy_id',
      'buyer.name as buyer_name',
      'buyer.country as buyer_country',
      'buyer.kind as buyer_kind',
      'supplier.name as supplier_name',
      'supplier.country as supplier_country',
      'supplier.kind as supplier_kind',
      'policy.key as policy_key',
      'policy.version as policy_version',
      'policy.name as policy_name',
      'latest.id as latest_policy_id',
      'latest.version as latest_policy_version',
    ]);
}

type EngagementFilter = { phase?: string; role?: 'buyer' | 'supplier'; q?: string; counterpartId?: string; limit: number };

function engagementViewList(db: Kysely<Database>, organizationId: string, f: EngagementFilter) {
  let q = engagementViews(db);
  if (f.role === 'buyer') q = q.where('engagements.buyer_organization_id', '=', organizationId);
  else if (f.role === 'supplier') q = q.where('engagements.supplier_organization_id', '=', organizationId);
  else q = q.where((eb) => eb.or([eb('engagements.buyer_organization_id', '=', organizationId), eb('engagements.supplier_organization_id', '=', organizationId)]));
  if (f.phase) q = q.where('engagements.phase', '=', f.phase);
  if (f.counterpartId) {
    q = q.where((eb) => eb.or([eb('engagements.buyer_organization_id', '=', f.counterpartId!), eb('engagements.supplier_organization_id', '=', f.counterpartId!)]));
  }
  if (f.q) q = q.where((eb) => eb(eb.fn('lower', ['engagements.title']), 'like', `%${f.q!.toLowerCase().replace(/[%_]/g, '')}%`));
  return q.orderBy('engagements.created_at', 'desc').limit(f.limit);
}

const allEngagementViewsOf = (limit: number) => prepared((db: Kysely<Database>, organizationId: string) => engagementViewList(db, organizationId, { limit }));

/**
 * The unfiltered list (what the web app and most integrations ask for), compiled once per limit: a limit is written
 * into the SQL on SQLite (sqlite-driver.ts), so it cannot be an argument of a prepared query.
 */
const allEngagementViews = new Map<number, ReturnType<typeof allEngagementViewsOf>>();

export type EngagementViewRow = Awaited<ReturnType<ReturnType<typeof allEngagementViewsOf>>>[number];

/** The organization's engagements (as buyer or supplier, or the given filter), newest first, as their views read them. */
export function listEngagementViewRows(db: Executor, organizationId: string, f: EngagementFilter): Promise<EngagementViewRow[]> {
  if (f.phase || f.role || f.q || f.counterpartId || !Number.isSafeInteger(f.limit)) return engagementViewList(db, organizationId, f).execute();
  let q = allEngagementViews.get(f.limit);
  // Limits are validated to a small range (1-200); the bound is for callers that do not.
  if (!q && allEngagementViews.size < 1000) allEngagementViews.set(f.limit, (q = allEngagementViewsOf(f.limit)));
  return q ? q(db, organizationId) : engagementViewList(db, organizationId, f).execute();
}

const engagementViewById = prepared((db: Kysely<Database>, id: string) => engagementViews(db).where('engagements.id', '=', id));

/** One engagement as its view reads it; the caller has found it through findEngagementFor (or just created it). */
export async function findEngagementViewRow(db: Executor, id: string): Promise<EngagementViewRow | undefined> {
  return (await engagementViewById(db, id))[0];
}

export async function updateEngagement(db: Executor, id: string, patch: Partial<EngagementRow>) {
  await db.updateTable('engagements').set(patch).where('id', '=', id).execute();
}

/**
 * Writes the patch only while the engagement is still in `phase`, and says whether it did. The conditional update
 * is how a decision is checked and written in one step: on PostgreSQL it takes the row's lock, so a concurrent
 * decision waits, then finds the phase moved; on SQLite writers are serialized anyway. With no patch it only takes
 * the lock (a hold, a waiver: decided on the phase as it still is).
 */
export async function updateEngagementInPhase(db: Executor, id: string, phase: string, patch: Partial<EngagementRow> = {}): Promise<boolean> {
  const r = await db
    .updateTable('engagements')
    .set({ phase, ...patch })
    .where('id', '=', id)
    .where('phase', '=', phase)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertGateDecision(db: Executor, row: GateDecisionRow) {
  await db.insertInto('gate_decisions').values(row).execute();
}
export function listGateDecisions(db: Executor, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('gate_decisions')
    .innerJoin('users', 'users.id', 'gate_decisions.decided_by')
    .selectAll('gate_decisions')
    .select('users.display_name as decided_by_name')
    .where('engagement_id', 'in', engagementIds)
    .orderBy('decided_at')
    .execute();
}

/** The recorded decisions of the engagements, oldest first, with the columns their timelines show. */
const timelinesOf = prepared((db: Kysely<Database>, engagementIds: readonly string[]) =>
  db
    .selectFrom('gate_decisions')
    .innerJoin('users', 'users.id', 'gate_decisions.decided_by')
    .select([
      'gate_decisions.id',
      'gate_decisions.engagement_id',
      'gate_decisions.from_phase',
      'gate_decisions.to_phase',
      'gate_decisions.decision',
      'gate_decisions.rationale',
      'gate_decisions.evidence_ids',
      'gate_decisions.override',
      'gate_decisions.override_reason',
      'gate_decisions.unmet_requirements',
      'gate_decisions.decided_by',
      'gate_decisions.decided_by_organization_id',
      'gate_decisions.decided_at',
      'users.display_name as decided_by_name',
    ])
    .where('engagement_id', 'in', engagementIds)
    .orderBy('decided_at'),
);

export type TimelineRow = Awaited<ReturnType<typeof timelinesOf>>[number];

export function listTimelines(db: Executor, engagementIds: readonly string[]): Promise<TimelineRow[]> {
  if (!engagementIds.length) return Promise.resolve([]);
  return timelinesOf(db, engagementIds);
}

export async function insertWaiver(db: Executor, row: WaiverRow) {
  await db.insertInto('waivers').values(row).execute();
}
export function listWaivers(db: Executor, engagementId: string) {
  return db
    .selectFrom('waivers')
    .innerJoin('users', 'users.id', 'waivers.waived_by')
    .selectAll('waivers')
    .select('users.display_name as waived_by_name')
    .where('engagement_id', '=', engagementId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeWaiverRow(db: Executor, engagementId: string, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('waivers')
    .set({ revoked_at: at })
    .where('engagement_id', '=', engagementId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertMessage(db: Executor, row: MessageRow) {
  await db.insertInto('messages').values(row).execute();
}
export function listMessages(db: Executor, engagementId: string) {
  return db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.author_id')
    .selectAll('messages')
    .select('users.display_name as author_name')
    .where('engagement_id', '=', engagementId)
    .orderBy('sent_at')
    .execute();
}
export function findMessage(db: Executor, engagementId: string, id: string) {
  return db.selectFrom('messages').selectAll().where('engagement_id', '=', engagementId).where('id', '=', id).executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: PolicyRow) {
  await db.insertInto('policies').values(row).execute();
}
/** Shipped policies and the organization's own. */
export function listPoliciesFor(db: Executor, organizationId: string) {
  return db
    .selectFrom('policies')
    .selectAll()
    .where((eb) => eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]))
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
}
export function findPolicyFor(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom('policies')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]))
    .executeTakeFirst();
}
export function findPolicyById(db: Executor, id: string) {
  return db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
}
/** Policies by id (a policy row never changes once written: a new version is a new row). */
export function findPoliciesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('policies').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export function findShippedPolicy(db: Executor, key: string, version: number) {
  return db.selectFrom('policies').selectAll().where('organization_id', 'is', null).where('key', '=', key).where('version', '=', version).executeTakeFirst();
}
export function latestPolicyVersion(db: Executor, organizationId: string | null, key: string) {
  let q = db.selectFrom('policies').selectAll().where('key', '=', key);
  q = organizationId === null ? q.where('organization_id', 'is', null) : q.where('organization_id', '=', organizationId);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}
