// Buyer sincerity: the supplier's weights, judgements and disclosures, and the buyers' behaviour the signals read.
// Every query is scoped to the supplier: it reads only its own engagements and what happened in them.
import type { Selectable } from 'kysely';
import type { SincerityJudgementsTable } from '../schema/suppliers.js';
import type { Executor } from './executor.js';

export type JudgementRow = Selectable<SincerityJudgementsTable>;

export function findWeights(db: Executor, organizationId: string) {
  return db.selectFrom('sincerity_weights').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
}

export async function saveWeights(db: Executor, row: { organization_id: string; weights: string; updated_by: string; updated_at: string }) {
  const r = await db.updateTable('sincerity_weights').set(row).where('organization_id', '=', row.organization_id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('sincerity_weights').values(row).execute();
}

export function listJudgements(db: Executor, organizationId: string) {
  return db
    .selectFrom('sincerity_judgements')
    .leftJoin('users', 'users.id', 'sincerity_judgements.judged_by')
    .selectAll('sincerity_judgements')
    .select('users.display_name as judged_by_name')
    .where('sincerity_judgements.organization_id', '=', organizationId)
    .execute();
}

export async function saveJudgement(db: Executor, row: JudgementRow) {
  const r = await db
    .updateTable('sincerity_judgements')
    .set({ value: row.value, note: row.note, judged_by: row.judged_by, judged_at: row.judged_at })
    .where('organization_id', '=', row.organization_id)
    .where('buyer_organization_id', '=', row.buyer_organization_id)
    .where('signal_key', '=', row.signal_key)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('sincerity_judgements').values(row).execute();
}

export async function deleteJudgement(db: Executor, organizationId: string, buyerId: string, key: string): Promise<boolean> {
  const r = await db
    .deleteFrom('sincerity_judgements')
    .where('organization_id', '=', organizationId)
    .where('buyer_organization_id', '=', buyerId)
    .where('signal_key', '=', key)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function listDisclosures(db: Executor, organizationId: string) {
  return db.selectFrom('sincerity_disclosures').selectAll().where('organization_id', '=', organizationId).execute();
}

/** The suppliers that disclosed their assessment to this buyer. */
export function listDisclosuresTo(db: Executor, buyerId: string) {
  return db.selectFrom('sincerity_disclosures').selectAll().where('buyer_organization_id', '=', buyerId).orderBy('shared_at', 'desc').execute();
}

export async function setDisclosure(db: Executor, organizationId: string, buyerId: string, shared: { by: string; at: string } | null): Promise<boolean> {
  const existing = await db
    .selectFrom('sincerity_disclosures')
    .select('shared_at')
    .where('organization_id', '=', organizationId)
    .where('buyer_organization_id', '=', buyerId)
    .executeTakeFirst();
  if (shared && !existing) {
    await db.insertInto('sincerity_disclosures').values({ organization_id: organizationId, buyer_organization_id: buyerId, shared_by: shared.by, shared_at: shared.at }).execute();
    return true;
  }
  if (!shared && existing) {
    await db.deleteFrom('sincerity_disclosures').where('organization_id', '=', organizationId).where('buyer_organization_id', '=', buyerId).execute();
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The behaviour behind the signals

/** The supplier's engagements, optionally with one buyer only. */
export function listSupplierEngagements(db: Executor, supplierId: string, buyerId?: string) {
  let q = db.selectFrom('engagements').selectAll().where('supplier_organization_id', '=', supplierId);
  if (buyerId) q = q.where('buyer_organization_id', '=', buyerId);
  return q.orderBy('created_at', 'desc').execute();
}

/** Messages each engagement's buyer sent in it. */
export function listBuyerMessages(db: Executor, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('messages')
    .innerJoin('engagements', 'engagements.id', 'messages.engagement_id')
    .select(['messages.id', 'messages.engagement_id', 'messages.kind', 'messages.subject', 'messages.body', 'messages.sent_at', 'engagements.buyer_organization_id'])
    .where('messages.engagement_id', 'in', engagementIds)
    .whereRef('messages.organization_id', '=', 'engagements.buyer_organization_id')
    .orderBy('messages.sent_at', 'asc')
    .execute();
}

export function listEngagementVisitsWithAuditors(db: Executor, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('visits')
    .select((eb) => [
      'visits.id',
      'visits.engagement_id',
      'visits.title',
      'visits.type',
      'visits.status',
      'visits.initiated_by',
      'visits.created_at',
      'visits.sincerity_template_id',
      eb
        .exists(
          eb
            .selectFrom('visit_participant_orgs')
            .select('visit_participant_orgs.visit_id')
            .whereRef('visit_participant_orgs.visit_id', '=', 'visits.id')
            .where('visit_participant_orgs.revoked_at', 'is', null),
        )
        .as('auditor_invited'),
    ])
    .where('visits.engagement_id', 'in', engagementIds)
    .orderBy('visits.created_at', 'asc')
    .execute();
}

export function listEngagementSampleTests(db: Executor, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('sample_tests')
    .select(['id', 'engagement_id', 'product', 'run_by', 'recorded_by_organization_id', 'tested_at'])
    .where('engagement_id', 'in', engagementIds)
    .orderBy('tested_at', 'asc')
    .execute();
}

export function listInvitationsOf(db: Executor, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('verification_invitations')
    .select(['id', 'engagement_id', 'kind', 'status', 'created_at', 'decided_at'])
    .where('engagement_id', 'in', engagementIds)
    .orderBy('created_at', 'asc')
    .execute();
}

/** Open slots the supplier offered in these engagements, outside any invitation (booked or not). */
export function listOpenSlotsOf(db: Executor, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('visit_proposals')
    .select(['id', 'engagement_id', 'created_at'])
    .where('engagement_id', 'in', engagementIds)
    .where('visit_id', 'is', null)
    .where('status', '=', 'open')
    .where('side', '=', 'supplier')
    .execute();
}

/** The buyers' active specifications with their current version's characteristics. */
export function listBuyerSpecifications(db: Executor, buyerIds: string[]) {
  if (!buyerIds.length) return Promise.resolve([]);
  return db
    .selectFrom('specifications')
    .innerJoin('specification_versions', (j) =>
      j.onRef('specification_versions.specification_id', '=', 'specifications.id').onRef('specification_versions.version', '=', 'specifications.current_version'),
    )
    .select([
      'specifications.id',
      'specifications.organization_id',
      'specifications.product',
      'specification_versions.title',
      'specification_versions.note',
      'specification_versions.characteristics',
      'specifications.created_at',
    ])
    .where('specifications.organization_id', 'in', buyerIds)
    .where('specifications.archived_at', 'is', null)
    .execute();
}

/** Files the buyers placed with the supplier (shared with it, or sent against its file requests). */
export function listFilesFromBuyers(db: Executor, supplierId: string, buyerIds: string[]) {
  if (!buyerIds.length) return Promise.resolve([]);
  return db
    .selectFrom('file_shares')
    .innerJoin('files', 'files.id', 'file_shares.file_id')
    .select(['files.id', 'files.filename', 'files.organization_id', 'file_shares.shared_at'])
    .where('file_shares.organization_id', '=', supplierId)
    .where('files.organization_id', 'in', buyerIds)
    .execute();
}

/** The supplier's visit questionnaires in these engagements. */
export function listSupplierQuestionnaires(db: Executor, supplierId: string, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('visit_sincerity')
    .innerJoin('visits', 'visits.id', 'visit_sincerity.visit_id')
    .innerJoin('checklist_templates', 'checklist_templates.id', 'visit_sincerity.template_id')
    .select([
      'visit_sincerity.visit_id',
      'visits.engagement_id',
      'visits.title',
      'visit_sincerity.scores',
      'visit_sincerity.updated_at',
      'checklist_templates.document',
    ])
    .where('visit_sincerity.organization_id', '=', supplierId)
    .where('visits.engagement_id', 'in', engagementIds)
    .execute();
}
