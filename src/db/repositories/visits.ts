import type { Selectable } from 'kysely';
import type { EngagementsTable } from '../schema.js';
import type {
  ChecklistTemplatesTable,
  VisitAnswersTable,
  VisitAttachmentsTable,
  VisitCapacityObservationsTable,
  VisitFindingsTable,
  VisitParticipantOrgsTable,
  VisitProposalsTable,
  VisitSignOffsTable,
  VisitSincerityTable,
  VisitsTable,
} from '../schema/visits.js';
import type { Executor } from './executor.js';

export type ChecklistTemplateRow = Selectable<ChecklistTemplatesTable>;
export type VisitRow = Selectable<VisitsTable>;
export type VisitProposalRow = Selectable<VisitProposalsTable>;
export type VisitParticipantOrgRow = Selectable<VisitParticipantOrgsTable>;
export type VisitAnswerRow = Selectable<VisitAnswersTable>;
export type VisitFindingRow = Selectable<VisitFindingsTable>;
export type VisitAttachmentRow = Selectable<VisitAttachmentsTable>;
export type VisitCapacityRow = Selectable<VisitCapacityObservationsTable>;
export type VisitSincerityRow = Selectable<VisitSincerityTable>;
export type VisitSignOffRow = Selectable<VisitSignOffsTable>;
type EngagementRow = Selectable<EngagementsTable>;

// ---------------------------------------------------------------------------------------------------------------
// Checklist templates

export async function insertChecklistTemplate(db: Executor, row: ChecklistTemplateRow) {
  await db.insertInto('checklist_templates').values(row).execute();
}
/** Shipped templates and the organization's own, every version. */
export function listChecklistTemplatesFor(db: Executor, organizationId: string) {
  return db
    .selectFrom('checklist_templates')
    .selectAll()
    .where((eb) => eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]))
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
}
export function findChecklistTemplateFor(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom('checklist_templates')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]))
    .executeTakeFirst();
}
export function findChecklistTemplateById(db: Executor, id: string) {
  return db.selectFrom('checklist_templates').selectAll().where('id', '=', id).executeTakeFirst();
}
export function latestChecklistTemplate(db: Executor, organizationId: string | null, key: string) {
  let q = db.selectFrom('checklist_templates').selectAll().where('key', '=', key);
  q = organizationId === null ? q.where('organization_id', 'is', null) : q.where('organization_id', '=', organizationId);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------------
// Visits and who sees them

export async function insertVisit(db: Executor, row: VisitRow) {
  await db.insertInto('visits').values(row).execute();
}
export async function updateVisit(db: Executor, id: string, patch: Partial<VisitRow>) {
  await db.updateTable('visits').set(patch).where('id', '=', id).execute();
}

/** Writes the patch only while the visit is still in `status`; false when another request changed it first. */
export async function updateVisitInStatus(db: Executor, id: string, status: string, patch: Partial<VisitRow>): Promise<boolean> {
  const r = await db.updateTable('visits').set(patch).where('id', '=', id).where('status', '=', status).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface VisitAccess {
  visit: VisitRow;
  engagement: EngagementRow;
  side: 'buyer' | 'supplier' | 'auditor';
}

/**
 * A visit the organization may see: it is a party to the visit's engagement, or an auditor organization invited
 * into this one visit (and not revoked). Anything else does not exist for it.
 */
export async function findVisitFor(db: Executor, organizationId: string, visitId: string): Promise<VisitAccess | undefined> {
  const visit = await db.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();
  if (!visit) return undefined;
  const engagement = await db.selectFrom('engagements').selectAll().where('id', '=', visit.engagement_id).executeTakeFirstOrThrow();
  if (engagement.buyer_organization_id === organizationId) return { visit, engagement, side: 'buyer' };
  if (engagement.supplier_organization_id === organizationId) return { visit, engagement, side: 'supplier' };
  const invited = await db
    .selectFrom('visit_participant_orgs')
    .select('organization_id')
    .where('visit_id', '=', visitId)
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return invited ? { visit, engagement, side: 'auditor' } : undefined;
}

/** Visits of the organization's engagements, and visits it was invited into as an auditor. */
export function listVisitsFor(db: Executor, organizationId: string, f: { status?: string; engagementId?: string; limit: number }) {
  let q = db
    .selectFrom('visits')
    .innerJoin('engagements', 'engagements.id', 'visits.engagement_id')
    .selectAll('visits')
    .where((eb) =>
      eb.or([
        eb('engagements.buyer_organization_id', '=', organizationId),
        eb('engagements.supplier_organization_id', '=', organizationId),
        eb.exists(
          eb
            .selectFrom('visit_participant_orgs')
            .select('visit_participant_orgs.visit_id')
            .whereRef('visit_participant_orgs.visit_id', '=', 'visits.id')
            .where('visit_participant_orgs.organization_id', '=', organizationId)
            .where('visit_participant_orgs.revoked_at', 'is', null),
        ),
      ]),
    );
  if (f.status) q = q.where('visits.status', '=', f.status);
  if (f.engagementId) q = q.where('visits.engagement_id', '=', f.engagementId);
  return q.orderBy('visits.planned_start', 'desc').limit(f.limit).execute();
}

export function listVisitsOfEngagements(db: Executor, engagementIds: string[]) {
  if (!engagementIds.length) return Promise.resolve([] as VisitRow[]);
  return db.selectFrom('visits').selectAll().where('engagement_id', 'in', engagementIds).orderBy('planned_start', 'desc').execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Proposed dates and open slots

export async function insertProposal(db: Executor, row: VisitProposalRow) {
  await db.insertInto('visit_proposals').values(row).execute();
}
export function listProposalsOfVisits(db: Executor, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([] as VisitProposalRow[]);
  return db.selectFrom('visit_proposals').selectAll().where('visit_id', 'in', visitIds).orderBy('created_at').orderBy('start_at').execute();
}
export function listSlots(db: Executor, engagementId: string, statuses: string[]) {
  return db
    .selectFrom('visit_proposals')
    .innerJoin('sites', 'sites.id', 'visit_proposals.site_id')
    .selectAll('visit_proposals')
    .select('sites.name as site_name')
    .where('visit_proposals.engagement_id', '=', engagementId)
    .where('visit_proposals.visit_id', 'is', null)
    .where('visit_proposals.status', 'in', statuses)
    .orderBy('visit_proposals.start_at')
    .execute();
}
/**
 * A proposal of one engagement (a supplier's open slot) or of one visit (dates proposed for it): the parent, which
 * the caller found through the tenant-scoped finders, is in the WHERE, so another engagement's proposal is missing.
 */
export function findProposalOf(db: Executor, of: { engagementId: string } | { visitId: string }, id: string) {
  let q = db.selectFrom('visit_proposals').selectAll().where('id', '=', id);
  q = 'visitId' in of ? q.where('visit_id', '=', of.visitId) : q.where('engagement_id', '=', of.engagementId);
  return q.executeTakeFirst();
}
export async function updateProposal(db: Executor, id: string, patch: Partial<VisitProposalRow>) {
  await db.updateTable('visit_proposals').set(patch).where('id', '=', id).execute();
}
/** Open proposals of a visit are superseded when new dates are proposed or one is accepted. */
export async function supersedeOpenProposals(db: Executor, visitId: string) {
  await db.updateTable('visit_proposals').set({ status: 'superseded' }).where('visit_id', '=', visitId).where('status', '=', 'open').execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Invited auditor organizations

export async function inviteParticipantOrg(db: Executor, row: VisitParticipantOrgRow) {
  const existing = await db
    .selectFrom('visit_participant_orgs')
    .selectAll()
    .where('visit_id', '=', row.visit_id)
    .where('organization_id', '=', row.organization_id)
    .executeTakeFirst();
  if (existing && !existing.revoked_at) return false;
  if (existing) {
    await db
      .updateTable('visit_participant_orgs')
      .set({ revoked_at: null, invited_at: row.invited_at, invited_by: row.invited_by })
      .where('visit_id', '=', row.visit_id)
      .where('organization_id', '=', row.organization_id)
      .execute();
  } else {
    await db.insertInto('visit_participant_orgs').values(row).execute();
  }
  return true;
}
export async function revokeParticipantOrg(db: Executor, visitId: string, organizationId: string, at: string) {
  const r = await db
    .updateTable('visit_participant_orgs')
    .set({ revoked_at: at })
    .where('visit_id', '=', visitId)
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
export function listParticipantOrgs(db: Executor, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('visit_participant_orgs')
    .innerJoin('organizations', 'organizations.id', 'visit_participant_orgs.organization_id')
    .selectAll('visit_participant_orgs')
    .select(['organizations.name as organization_name', 'organizations.country as organization_country', 'organizations.kind as organization_kind'])
    .where('visit_participant_orgs.visit_id', 'in', visitIds)
    .where('visit_participant_orgs.revoked_at', 'is', null)
    .orderBy('visit_participant_orgs.invited_at')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Answers: one row per visit and question; replays of the same edit are recognised by client id and time

export function findAnswer(db: Executor, visitId: string, questionId: string) {
  return db.selectFrom('visit_answers').selectAll().where('visit_id', '=', visitId).where('question_id', '=', questionId).executeTakeFirst();
}
/** Inserts unless a row for the question exists (a concurrent replay); true when this call inserted it. */
export async function insertAnswerIfAbsent(db: Executor, row: VisitAnswerRow): Promise<boolean> {
  const r = await db
    .insertInto('visit_answers')
    .values(row)
    .onConflict((oc) => oc.columns(['visit_id', 'question_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}
/** Updates only when the stored edit is older, so the latest typing wins whatever order replays arrive in. */
export async function updateAnswerIfNewer(db: Executor, row: VisitAnswerRow): Promise<boolean> {
  const r = await db
    .updateTable('visit_answers')
    .set({
      value: row.value,
      note: row.note,
      not_applicable: row.not_applicable,
      client_id: row.client_id,
      client_updated_at: row.client_updated_at,
      answered_by: row.answered_by,
      organization_id: row.organization_id,
      updated_at: row.updated_at,
    })
    .where('visit_id', '=', row.visit_id)
    .where('question_id', '=', row.question_id)
    .where((eb) =>
      eb.or([
        eb('client_updated_at', '<', row.client_updated_at),
        eb.and([eb('client_updated_at', '=', row.client_updated_at), eb('client_id', '<', row.client_id)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
export function listAnswers(db: Executor, visitId: string) {
  return db
    .selectFrom('visit_answers')
    .innerJoin('users', 'users.id', 'visit_answers.answered_by')
    .selectAll('visit_answers')
    .select('users.display_name as answered_by_name')
    .where('visit_id', '=', visitId)
    .orderBy('visit_answers.question_id')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Findings

export async function insertFindingIfAbsent(db: Executor, row: VisitFindingRow): Promise<boolean> {
  const r = await db
    .insertInto('visit_findings')
    .values(row)
    .onConflict((oc) => oc.columns(['visit_id', 'client_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}
export function findFinding(db: Executor, visitId: string, id: string) {
  return db.selectFrom('visit_findings').selectAll().where('visit_id', '=', visitId).where('id', '=', id).executeTakeFirst();
}
export function findFindingByClientId(db: Executor, visitId: string, clientId: string) {
  return db.selectFrom('visit_findings').selectAll().where('visit_id', '=', visitId).where('client_id', '=', clientId).executeTakeFirst();
}
export async function updateFinding(db: Executor, id: string, patch: Partial<VisitFindingRow>) {
  await db.updateTable('visit_findings').set(patch).where('id', '=', id).execute();
}
export function listFindings(db: Executor, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('visit_findings')
    .innerJoin('users', 'users.id', 'visit_findings.recorded_by')
    .selectAll('visit_findings')
    .select('users.display_name as recorded_by_name')
    .where('visit_id', 'in', visitIds)
    .orderBy('visit_findings.created_at')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Photos and other attachments

export async function insertAttachmentIfAbsent(db: Executor, row: VisitAttachmentRow): Promise<boolean> {
  const r = await db
    .insertInto('visit_attachments')
    .values(row)
    .onConflict((oc) => oc.columns(['visit_id', 'client_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}
const attachmentSelect = (db: Executor) =>
  db
    .selectFrom('visit_attachments')
    .innerJoin('files', 'files.id', 'visit_attachments.file_id')
    .innerJoin('users', 'users.id', 'visit_attachments.added_by')
    .selectAll('visit_attachments')
    .select(['files.filename', 'files.media_type', 'files.size', 'files.sha256', 'users.display_name as added_by_name']);
export type VisitAttachmentDetailRow = Awaited<ReturnType<typeof listAttachments>>[number];
export function findAttachmentByClientId(db: Executor, visitId: string, clientId: string) {
  return attachmentSelect(db).where('visit_attachments.visit_id', '=', visitId).where('visit_attachments.client_id', '=', clientId).executeTakeFirst();
}
export function findAttachment(db: Executor, visitId: string, id: string) {
  return attachmentSelect(db).where('visit_attachments.visit_id', '=', visitId).where('visit_attachments.id', '=', id).where('visit_attachments.removed_at', 'is', null).executeTakeFirst();
}
export function listAttachments(db: Executor, visitId: string) {
  return attachmentSelect(db).where('visit_attachments.visit_id', '=', visitId).where('visit_attachments.removed_at', 'is', null).orderBy('visit_attachments.created_at').execute();
}
export async function removeAttachment(db: Executor, id: string, at: string) {
  await db.updateTable('visit_attachments').set({ removed_at: at }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Observed capacity

export async function insertCapacityObservation(db: Executor, row: VisitCapacityRow) {
  await db.insertInto('visit_capacity_observations').values(row).execute();
}
export function findCapacityByClientId(db: Executor, visitId: string, clientId: string) {
  return db.selectFrom('visit_capacity_observations').selectAll().where('visit_id', '=', visitId).where('client_id', '=', clientId).executeTakeFirst();
}
export function listCapacityObservations(db: Executor, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('visit_capacity_observations')
    .innerJoin('users', 'users.id', 'visit_capacity_observations.recorded_by')
    .innerJoin('claims', 'claims.id', 'visit_capacity_observations.claim_id')
    .selectAll('visit_capacity_observations')
    .select(['users.display_name as recorded_by_name', 'claims.title as claim_title', 'claims.product_line as claim_product_line', 'claims.unit as claim_unit', 'claims.period as claim_period'])
    .where('visit_id', 'in', visitIds)
    .orderBy('visit_capacity_observations.created_at')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// The supplier's assessment of the buyer

export function findSincerity(db: Executor, visitId: string) {
  return db
    .selectFrom('visit_sincerity')
    .innerJoin('users', 'users.id', 'visit_sincerity.assessed_by')
    .selectAll('visit_sincerity')
    .select('users.display_name as assessed_by_name')
    .where('visit_id', '=', visitId)
    .executeTakeFirst();
}
export async function saveSincerity(db: Executor, row: VisitSincerityRow) {
  const existing = await db.selectFrom('visit_sincerity').select('visit_id').where('visit_id', '=', row.visit_id).executeTakeFirst();
  if (existing) {
    const { visit_id: _v, created_at: _c, ...patch } = row;
    await db.updateTable('visit_sincerity').set(patch).where('visit_id', '=', row.visit_id).execute();
  } else {
    await db.insertInto('visit_sincerity').values(row).execute();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-offs

export async function insertSignOff(db: Executor, row: VisitSignOffRow) {
  await db.insertInto('visit_sign_offs').values(row).execute();
}
export function listSignOffs(db: Executor, visitId: string) {
  return db
    .selectFrom('visit_sign_offs')
    .innerJoin('users', 'users.id', 'visit_sign_offs.signed_by')
    .innerJoin('organizations', 'organizations.id', 'visit_sign_offs.organization_id')
    .selectAll('visit_sign_offs')
    .select(['users.display_name as signed_by_name', 'organizations.name as organization_name'])
    .where('visit_id', '=', visitId)
    .orderBy('visit_sign_offs.signed_at')
    .execute();
}
