// Factory visits and third-party audits (DESIGN.md, "Visits and audits are bilateral"): listing, planning, the
// supplier's answer, open slots and invited auditors. Who sees a visit is decided in access.ts; what a visit looks
// like to each side in views.ts and detail.ts.
import type { z } from 'zod';
import {
  type PlanVisitInput,
  type RescheduleInput,
  type VisitDetailViewT,
  type VisitResponseInput,
  type VisitSlotsInput,
  type VisitStatus,
} from '../../contracts/visits.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findMembership, findOrganization } from '../../db/repositories/organizations.js';
import { findSite } from '../../db/repositories/profile.js';
import { findUserById } from '../../db/repositories/users.js';
import {
  findChecklistTemplateFor,
  findProposalOf,
  insertProposal,
  insertVisit,
  inviteParticipantOrg,
  latestChecklistTemplate,
  listAttachments,
  listChecklistTemplatesFor,
  listSlots,
  listVisitsFor,
  listVisitsOfEngagements,
  revokeParticipantOrg,
  supersedeOpenProposals,
  updateProposal,
  type ChecklistTemplateRow,
  type VisitAccess,
  type VisitProposalRow,
  type VisitRow,
} from '../../db/repositories/visits.js';
import { SHIPPED_BUYER_CHECKLIST, SHIPPED_SINCERITY_TEMPLATE } from '../../domain/visits/templates.js';
import { utcToZonedLocal, zonedLocalToUtc } from '../../domain/time/zones.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { newId, nowIso } from '../shared/ids.js';
import { visitDetail } from './detail.js';
import { assertTransition, loadVisit, moveVisit } from './access.js';
import { shareFileWithOrgs } from './sharing.js';
import { capabilities, proposalView, TERMINAL, VISIT_TYPE_LABELS, visitViews } from './views.js';
import { notifyVisitConfirmed } from '../notifications/events.js';

// ---------------------------------------------------------------------------------------------------------------
// Listing

export async function listVisits(ctx: ServiceContext, actor: Actor, q: { status?: string; engagementId?: string; limit: number }) {
  authorize(actor, 'visit.read');
  const db = ctx.handle.db;
  const rows = await listVisitsFor(db, actor.organizationId, q);
  const engagementIds = [...new Set(rows.map((r) => r.engagement_id))];
  const engagements = engagementIds.length ? await db.selectFrom('engagements').selectAll().where('id', 'in', engagementIds).execute() : [];
  const list: VisitAccess[] = rows.map((visit) => {
    const engagement = engagements.find((e) => e.id === visit.engagement_id)!;
    const side = engagement.buyer_organization_id === actor.organizationId ? 'buyer' : engagement.supplier_organization_id === actor.organizationId ? 'supplier' : 'auditor';
    return { visit, engagement, side };
  });
  return visitViews(db, actor, list);
}

export async function listEngagementVisits(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'visit.read');
  const rows = await listVisitsOfEngagements(ctx.handle.db, [e.id]);
  const side = e.buyer_organization_id === actor.organizationId ? 'buyer' : 'supplier';
  return visitViews(ctx.handle.db, actor, rows.map((visit) => ({ visit, engagement: e, side })));
}

// ---------------------------------------------------------------------------------------------------------------
// Planning

/** The default checklist: the buyer's own newest visit checklist, else the newest shipped one. */
async function defaultChecklist(db: Executor, organizationId: string): Promise<ChecklistTemplateRow> {
  const own = (await listChecklistTemplatesFor(db, organizationId))
    .filter((t) => t.organization_id === organizationId && t.purpose === 'visit_checklist')
    .sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
  if (own) return own;
  const shipped = await latestChecklistTemplate(db, null, SHIPPED_BUYER_CHECKLIST.key);
  if (!shipped) throw new Error('shipped checklist templates are missing; run migrations');
  return shipped;
}

export async function shippedSincerityTemplate(db: Executor): Promise<ChecklistTemplateRow> {
  const row = await latestChecklistTemplate(db, null, SHIPPED_SINCERITY_TEMPLATE.key);
  if (!row) throw new Error('shipped checklist templates are missing; run migrations');
  return row;
}

function checkDates(start: string, end: string, startPath = 'start', endPath = 'end') {
  if (Date.parse(end) <= Date.parse(start)) throw invalidField(endPath, 'must be after start', 'end_before_start');
  void startPath;
}

/**
 * A visit is requested from today on, by the site's calendar: one dated in the past (January 2020) would be
 * listed as upcoming and could be "observed" at once. Today itself is allowed (a visit under way).
 */
function checkNotPast(startUtc: string, timeZone: string, path: string) {
  const today = utcToZonedLocal(nowIso(), timeZone).slice(0, 10);
  const day = utcToZonedLocal(startUtc, timeZone).slice(0, 10);
  if (day < today) throw invalidField(path, `the visit would start on ${day}, before today (${today}) at the site: choose a date from today on`, 'visit_in_past', { start: day, today });
}

export async function planVisit(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof PlanVisitInput>) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'visit.plan');
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('the buyer plans visits; a supplier offers open slots');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: visits are planned once the supplier has accepted and while it is open`);
  const db = ctx.handle.db;
  const visitId = await db.transaction().execute(async (trx) => {
    let siteId: string;
    let start: string;
    let end: string;
    let slot: VisitProposalRow | undefined;
    if (input.slotId) {
      slot = await findProposalOf(trx, { engagementId: e.id }, input.slotId);
      if (!slot || slot.visit_id !== null || slot.status !== 'open') throw invalidField('slotId', 'no open slot of this engagement');
      siteId = slot.site_id;
      start = slot.start_at;
      end = slot.end_at;
    } else {
      const site = await findSite(trx, e.supplier_organization_id, input.siteId!);
      if (!site) throw invalidField('siteId', 'no such site of the supplier');
      siteId = site.id;
      start = zonedLocalToUtc(input.start!, site.time_zone);
      end = zonedLocalToUtc(input.end!, site.time_zone);
      checkDates(start, end);
      checkNotPast(start, site.time_zone, 'start');
    }
    const site = (await findSite(trx, e.supplier_organization_id, siteId))!;
    let template: ChecklistTemplateRow;
    if (input.templateId) {
      const t = await findChecklistTemplateFor(trx, actor.organizationId, input.templateId);
      if (!t || t.purpose !== 'visit_checklist') throw invalidField('templateId', 'no such visit checklist template (shipped or yours)');
      template = t;
    } else template = await defaultChecklist(trx, actor.organizationId);
    const leadId = input.leadUserId ?? actor.userId;
    if (!(await findMembership(trx, leadId, actor.organizationId))) throw invalidField('leadUserId', 'not a member of your organization');
    const lead = (await findUserById(trx, leadId))!;
    const participants = [...input.participants];
    if (!participants.some((p) => p.side === 'buyer' && p.name === lead.display_name)) participants.unshift({ side: 'buyer', name: lead.display_name, role: 'Lead', email: lead.email });
    const at = nowIso();
    const row: VisitRow = {
      id: newId(),
      engagement_id: e.id,
      site_id: site.id,
      type: input.type,
      status: slot ? 'confirmed' : 'proposed',
      title: input.title ?? `${VISIT_TYPE_LABELS[input.type]} — ${site.name}`,
      planned_start: start,
      planned_end: end,
      time_zone: site.time_zone,
      agenda: JSON.stringify(input.agenda),
      participants: JSON.stringify(participants),
      template_id: template.id,
      sincerity_template_id: (await shippedSincerityTemplate(trx)).id,
      lead_user_id: leadId,
      initiated_by: slot ? 'supplier' : 'buyer',
      response_note: input.note ?? null,
      decline_reason: null,
      cancel_reason: null,
      checklist_shared: 0,
      outcome: null,
      summary: null,
      closed_at: null,
      closed_by: null,
      report_evidence_id: null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    };
    await insertVisit(trx, row);
    if (slot) await updateProposal(trx, slot.id, { status: 'booked', visit_id: row.id });
    await recordAudit(trx, actor, 'visit.planned', 'visit', row.id, {
      engagementId: e.id,
      type: row.type,
      site: site.name,
      start,
      end,
      template: `${template.key}@${template.version}`,
      ...(slot ? { slotId: slot.id } : {}),
    });
    return row.id;
  });
  return getVisit(ctx, actor, visitId);
}

/** The supplier confirms, proposes other dates, or declines with a reason. */
export async function respondToVisit(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof VisitResponseInput>) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.respond');
    if (a.side !== 'supplier') throw forbidden('only the supplier answers a visit request');
    if (a.visit.status !== 'proposed') throw conflict(`the visit is ${a.visit.status}: there is no request to answer`, [{ path: 'decision', message: `visit is ${a.visit.status}` }]);
    for (const [i, p] of (input.participants ?? []).entries()) {
      if (p.side !== 'supplier') throw invalidField(`participants.${i}.side`, 'the supplier adds its own people');
    }
    const at = nowIso();
    const participants = [...JSON.parse(a.visit.participants), ...(input.participants ?? [])];
    if (input.decision === 'confirm') {
      await moveVisit(trx, a.visit, { status: 'confirmed', response_note: input.reason ?? null, participants: JSON.stringify(participants), updated_at: at });
      await recordAudit(trx, actor, 'visit.confirmed', 'visit', visitId, {});
      await notifyVisitConfirmed(trx, ctx, {
        visitId,
        title: a.visit.title,
        start: a.visit.planned_start,
        engagementId: a.engagement.id,
        engagementTitle: a.engagement.title,
        buyerOrganizationId: a.engagement.buyer_organization_id,
        confirmedBy: actor.userId,
      });
    } else if (input.decision === 'propose') {
      await supersedeOpenProposals(trx, visitId);
      for (const [i, d] of input.proposedDates!.entries()) {
        const start = zonedLocalToUtc(d.start, a.visit.time_zone);
        const end = zonedLocalToUtc(d.end, a.visit.time_zone);
        checkNotPast(start, a.visit.time_zone, `proposedDates.${i}.start`);
        await insertProposal(trx, {
          id: newId(),
          engagement_id: a.engagement.id,
          visit_id: visitId,
          organization_id: actor.organizationId,
          side: 'supplier',
          site_id: a.visit.site_id,
          start_at: start,
          end_at: end,
          time_zone: a.visit.time_zone,
          note: input.reason ?? null,
          status: 'open',
          created_by: actor.userId,
          created_at: at,
        });
      }
      await moveVisit(trx, a.visit, { status: 'rescheduling', response_note: input.reason ?? null, participants: JSON.stringify(participants), updated_at: at });
      await recordAudit(trx, actor, 'visit.dates_proposed', 'visit', visitId, { proposedDates: input.proposedDates });
    } else {
      await moveVisit(trx, a.visit, { status: 'declined', decline_reason: input.reason!, updated_at: at });
      await recordAudit(trx, actor, 'visit.declined', 'visit', visitId, { reason: input.reason });
    }
  });
  return getVisit(ctx, actor, visitId);
}

/** The buyer accepts one of the supplier's proposed dates, or proposes new dates (the supplier answers again). */
export async function rescheduleVisit(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof RescheduleInput>) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.plan');
    if (a.side !== 'buyer') throw forbidden('the buyer reschedules its visit; the supplier proposes dates in its response');
    const at = nowIso();
    if (input.proposalId) {
      const p = await findProposalOf(trx, { visitId }, input.proposalId);
      if (!p || p.status !== 'open' || p.side !== 'supplier') throw invalidField('proposalId', 'no open date proposal of the supplier for this visit');
      assertTransition(a.visit, 'confirmed', 'confirmed');
      await supersedeOpenProposals(trx, visitId);
      await updateProposal(trx, p.id, { status: 'accepted' });
      await moveVisit(trx, a.visit, { status: 'confirmed', planned_start: p.start_at, planned_end: p.end_at, updated_at: at });
      await recordAudit(trx, actor, 'visit.dates_accepted', 'visit', visitId, { start: p.start_at, end: p.end_at });
    } else {
      assertTransition(a.visit, 'proposed', 'rescheduled');
      const start = zonedLocalToUtc(input.start!, a.visit.time_zone);
      const end = zonedLocalToUtc(input.end!, a.visit.time_zone);
      checkDates(start, end);
      checkNotPast(start, a.visit.time_zone, 'start');
      await supersedeOpenProposals(trx, visitId);
      await moveVisit(trx, a.visit, { status: 'proposed', planned_start: start, planned_end: end, response_note: input.note ?? null, updated_at: at });
      await recordAudit(trx, actor, 'visit.rescheduled', 'visit', visitId, { start, end });
    }
  });
  return getVisit(ctx, actor, visitId);
}

export async function cancelVisit(ctx: ServiceContext, actor: Actor, visitId: string, reason: string) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    if (a.side === 'auditor') throw forbidden('the buyer or the supplier cancels a visit');
    authorize(actor, a.side === 'buyer' ? 'visit.plan' : 'visit.respond');
    if (!capabilities(actor, a, false).cancel) throw conflict(`the visit is ${a.visit.status}: it cannot be cancelled`, [{ path: 'status', message: `visit is ${a.visit.status}` }]);
    await supersedeOpenProposals(trx, visitId);
    await moveVisit(trx, a.visit, { status: 'cancelled', cancel_reason: reason, updated_at: nowIso() });
    await recordAudit(trx, actor, 'visit.cancelled', 'visit', visitId, { reason });
  });
  return getVisit(ctx, actor, visitId);
}

// ---------------------------------------------------------------------------------------------------------------
// Open slots: the supplier invites the buyer to visit

async function slotViews(db: Executor, engagementId: string, statuses = ['open']) {
  return (await listSlots(db, engagementId, statuses)).map((s) => ({ ...proposalView(s), siteName: s.site_name, engagementId: s.engagement_id }));
}

export async function offerVisitSlots(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof VisitSlotsInput>) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'visit.respond');
  if (e.supplier_organization_id !== actor.organizationId) throw forbidden('the supplier offers open slots; the buyer plans a visit');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}`);
  const ids: string[] = [];
  await ctx.handle.db.transaction().execute(async (trx) => {
    const site = await findSite(trx, actor.organizationId, input.siteId);
    if (!site) throw invalidField('siteId', 'no such site of yours');
    const at = nowIso();
    for (const s of input.slots) {
      const id = newId();
      ids.push(id);
      await insertProposal(trx, {
        id,
        engagement_id: e.id,
        visit_id: null,
        organization_id: actor.organizationId,
        side: 'supplier',
        site_id: site.id,
        start_at: zonedLocalToUtc(s.start, site.time_zone),
        end_at: zonedLocalToUtc(s.end, site.time_zone),
        time_zone: site.time_zone,
        note: input.note ?? null,
        status: 'open',
        created_by: actor.userId,
        created_at: at,
      });
    }
    await recordAudit(trx, actor, 'visit.slots_offered', 'engagement', e.id, { site: site.name, slots: input.slots });
  });
  return (await slotViews(ctx.handle.db, e.id)).filter((s) => ids.includes(s.id));
}

export async function listVisitSlots(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'visit.read');
  return slotViews(ctx.handle.db, e.id);
}

export async function withdrawVisitSlot(ctx: ServiceContext, actor: Actor, engagementId: string, slotId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'visit.respond');
  if (e.supplier_organization_id !== actor.organizationId) throw forbidden('the supplier withdraws its own slots');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const s = await findProposalOf(trx, { engagementId: e.id }, slotId);
    if (!s || s.visit_id !== null || s.status !== 'open') throw notFound('slot');
    await updateProposal(trx, slotId, { status: 'withdrawn' });
    await recordAudit(trx, actor, 'visit.slot_withdrawn', 'engagement', e.id, { slotId });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Auditor organizations, invited into one visit

export async function inviteAuditor(ctx: ServiceContext, actor: Actor, visitId: string, organizationId: string) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.plan');
    if (a.side !== 'buyer') throw forbidden('the buyer invites an auditor');
    if (TERMINAL.includes(a.visit.status as VisitStatus)) throw conflict(`the visit is ${a.visit.status}`);
    const org = await findOrganization(trx, organizationId);
    if (!org || org.kind !== 'auditor') throw invalidField('organizationId', 'no such auditor organization in the directory');
    const added = await inviteParticipantOrg(trx, { visit_id: visitId, organization_id: org.id, role: 'auditor', invited_by: actor.userId, invited_at: nowIso(), revoked_at: null });
    if (!added) throw conflict('this auditor is already invited', [{ path: 'organizationId', message: 'already invited' }]);
    // The auditor sees the photos already taken for this visit.
    for (const att of await listAttachments(trx, visitId)) await shareFileWithOrgs(trx, actor, att.file_id, att.organization_id, [org.id]);
    await recordAudit(trx, actor, 'visit.auditor_invited', 'visit', visitId, { organizationId: org.id, organization: org.name });
  });
  return getVisit(ctx, actor, visitId);
}

export async function revokeAuditor(ctx: ServiceContext, actor: Actor, visitId: string, organizationId: string) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.plan');
    if (a.side !== 'buyer') throw forbidden('the buyer manages the invited auditors');
    if (!(await revokeParticipantOrg(trx, visitId, organizationId, nowIso()))) throw notFound('auditor');
    await recordAudit(trx, actor, 'visit.auditor_revoked', 'visit', visitId, { organizationId });
  });
  return getVisit(ctx, actor, visitId);
}

// ---------------------------------------------------------------------------------------------------------------
// One visit, in full (the phone form renders it offline)

export async function getVisit(ctx: ServiceContext, actor: Actor, visitId: string): Promise<VisitDetailViewT> {
  const a = await loadVisit(ctx.handle.db, actor, visitId);
  return visitDetail(ctx.handle.db, actor, a);
}
