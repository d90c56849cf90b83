// Inviting verification: from its profile or an engagement, the supplier proposes visit slots, offers samples under
// stated test conditions, or names a third-party auditor. Each becomes a proposal in the engagement that the buyer
// accepts or declines. Accepting a visit or audit books the chosen slot through the visit planning service (the
// visit is confirmed at once; an audit also invites the named auditor); accepting samples agrees the test plan, and
// the buyer records the test through the sample-test service against it.
import type { z } from 'zod';
import type { AcceptInvitationInput, InvitationInput, InvitationViewT } from '../../contracts/suppliers.js';
import type { SampleTestInput } from '../../contracts/quality.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findSite } from '../../db/repositories/profile.js';
import { findUserById } from '../../db/repositories/users.js';
import {
  findInvitation,
  insertInvitation,
  listInvitationsOfEngagement,
  listProposalsByIds,
  transitionInvitation,
  updateInvitation,
  withdrawOpenSlots,
  type InvitationRow,
} from '../../db/repositories/verification-invitations.js';
import { insertProposal } from '../../db/repositories/visits.js';
import { utcToZonedLocal, zonedLocalToUtc } from '../../domain/time/zones.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { recordSampleTest } from '../quality/records.js';
import { inviteAuditor, planVisit } from '../visits/planning.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, can, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';

type Input = z.infer<typeof InvitationInput>;
interface Details {
  siteId?: string;
  visitType?: string;
  slotIds?: string[];
  auditorOrganizationId?: string;
  scope?: string;
  product?: string;
  quantity?: number;
  conditions?: Record<string, unknown>;
  shipBy?: string | null;
}

const details = (r: InvitationRow) => JSON.parse(r.details) as Details;

/** A slot of the invitation booked through the visits page counts as the buyer accepting it. */
async function syncBooked(db: Executor, r: InvitationRow): Promise<InvitationRow> {
  if (r.status !== 'proposed' || r.kind === 'sample') return r;
  const booked = (await listProposalsByIds(db, details(r).slotIds ?? [])).find((s) => s.status === 'booked' && s.visit_id);
  if (!booked) return r;
  const patch = { status: 'accepted', decided_at: nowIso(), result_type: 'visit', result_id: booked.visit_id };
  await transitionInvitation(db, r.id, 'proposed', patch);
  return { ...r, ...patch };
}

async function views(db: Executor, actor: Actor, e: EngagementRow, rows: InvitationRow[]): Promise<InvitationViewT[]> {
  const side = e.supplier_organization_id === actor.organizationId ? 'supplier' : 'buyer';
  const out: InvitationViewT[] = [];
  for (const raw of rows) {
    const r = await syncBooked(db, raw);
    const d = details(r);
    const site = d.siteId ? await findSite(db, e.supplier_organization_id, d.siteId) : undefined;
    const slots = await listProposalsByIds(db, d.slotIds ?? []);
    const auditor = d.auditorOrganizationId ? await findOrganization(db, d.auditorOrganizationId) : undefined;
    const creator = await findUserById(db, r.created_by);
    const decider = r.decided_by ? await findUserById(db, r.decided_by) : undefined;
    const proposed = r.status === 'proposed' && isOpen(e.phase);
    out.push({
      id: r.id,
      engagementId: r.engagement_id,
      kind: r.kind as InvitationViewT['kind'],
      status: r.status as InvitationViewT['status'],
      note: r.note,
      site: site ? { id: site.id, name: site.name, timeZone: site.time_zone } : null,
      visitType: r.kind === 'audit' ? 'third_party_audit' : (d.visitType ?? null),
      slots: slots.map((s) => ({
        id: s.id,
        start: s.start_at,
        end: s.end_at,
        startLocal: utcToZonedLocal(s.start_at, s.time_zone),
        endLocal: utcToZonedLocal(s.end_at, s.time_zone),
        timeZone: s.time_zone,
        status: s.status,
      })),
      auditor: auditor ? { id: auditor.id, name: auditor.name, country: auditor.country } : null,
      scope: d.scope ?? null,
      sample: r.kind === 'sample' ? { product: d.product!, quantity: d.quantity!, conditions: d.conditions as never, shipBy: d.shipBy ?? null } : null,
      createdAt: r.created_at,
      createdBy: { id: r.created_by, displayName: creator?.display_name ?? '' },
      decidedAt: r.decided_at,
      decidedBy: r.decided_by ? { id: r.decided_by, displayName: decider?.display_name ?? '' } : null,
      decisionNote: r.decision_note,
      result: r.result_type && r.result_id ? { type: r.result_type as 'visit', id: r.result_id } : null,
      can: {
        accept: side === 'buyer' && proposed && can(actor, 'verification.respond'),
        decline: side === 'buyer' && proposed && can(actor, 'verification.respond'),
        withdraw: side === 'supplier' && proposed && can(actor, 'verification.invite'),
        recordSampleTest: side === 'buyer' && r.kind === 'sample' && r.status === 'accepted' && !r.result_id && isOpen(e.phase) && can(actor, 'sample_test.record'),
      },
    });
  }
  return out;
}

export async function inviteVerification(ctx: ServiceContext, actor: Actor, engagementId: string, input: Input) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'verification.invite');
  if (e.supplier_organization_id !== actor.organizationId) throw forbidden('the supplier invites verification; the buyer plans visits and tests');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: invitations are made while it is open`);
  const db = ctx.handle.db;
  const id = await db.transaction().execute(async (trx) => {
    const at = nowIso();
    const row: InvitationRow = {
      id: newId(),
      engagement_id: e.id,
      organization_id: actor.organizationId,
      kind: input.kind,
      details: '{}',
      note: input.note ?? null,
      status: 'proposed',
      created_by: actor.userId,
      created_at: at,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      result_type: null,
      result_id: null,
    };
    let d: Details;
    if (input.kind === 'sample') {
      d = { product: input.product, quantity: input.quantity, conditions: input.conditions, shipBy: input.shipBy ?? null };
    } else {
      const site = await findSite(trx, actor.organizationId, input.siteId);
      if (!site) throw invalidField('siteId', 'no such site of yours');
      if (input.kind === 'audit') {
        const auditor = await findOrganization(trx, input.auditorOrganizationId);
        if (!auditor || auditor.kind !== 'auditor') throw invalidField('auditorOrganizationId', 'no such auditor organization in the directory');
      }
      // The slots are ordinary open slots of the engagement: the buyer may also book one from the visits page.
      const slotIds: string[] = [];
      for (const s of input.slots) {
        const sid = newId();
        slotIds.push(sid);
        await insertProposal(trx, {
          id: sid,
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
      d =
        input.kind === 'visit'
          ? { siteId: site.id, visitType: input.visitType, slotIds }
          : { siteId: site.id, slotIds, auditorOrganizationId: input.auditorOrganizationId, scope: input.scope };
    }
    row.details = JSON.stringify(d);
    await insertInvitation(trx, row);
    await recordAudit(trx, actor, 'verification.invited', 'engagement', e.id, { invitationId: row.id, kind: row.kind });
    return row.id;
  });
  return (await views(db, actor, e, [(await findInvitation(db, id))!]))[0];
}

export async function listInvitations(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  return views(ctx.handle.db, actor, e, await listInvitationsOfEngagement(ctx.handle.db, e.id));
}

/** The invitation as a party of its engagement sees it; anyone else: 404, as for a missing one. */
async function loadInvitation(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await findInvitation(ctx.handle.db, id);
  if (!row) throw notFound('invitation');
  try {
    return { row, e: await loadEngagement(ctx, actor, row.engagement_id) };
  } catch {
    throw notFound('invitation');
  }
}

async function asBuyer(ctx: ServiceContext, actor: Actor, id: string) {
  const { row, e } = await loadInvitation(ctx, actor, id);
  authorize(actor, 'verification.respond');
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden("the engagement's buyer answers an invitation");
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}`);
  const fresh = await syncBooked(ctx.handle.db, row);
  if (fresh.status !== 'proposed') throw conflict(`the invitation is already ${fresh.status}`, [{ path: 'status', message: fresh.status }]);
  return { row: fresh, e };
}

export async function getInvitation(ctx: ServiceContext, actor: Actor, id: string) {
  const { row, e } = await loadInvitation(ctx, actor, id);
  return (await views(ctx.handle.db, actor, e, [row]))[0];
}

export async function acceptInvitation(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof AcceptInvitationInput>) {
  const { row, e } = await asBuyer(ctx, actor, id);
  const db = ctx.handle.db;
  const d = details(row);
  const decided = { decided_by: actor.userId, decided_at: nowIso(), decision_note: input.note ?? null };
  if (row.kind === 'sample') {
    if (input.slotId) throw invalidField('slotId', 'a sample offer has no slots');
    await db.transaction().execute(async (trx) => {
      if (!(await transitionInvitation(trx, id, 'proposed', { status: 'accepted', ...decided }))) throw conflict('the invitation was answered meanwhile');
      await recordAudit(trx, actor, 'verification.accepted', 'engagement', e.id, { invitationId: id, kind: row.kind });
    });
    return getInvitation(ctx, actor, id);
  }
  const slots = await listProposalsByIds(db, d.slotIds ?? []);
  const slot = input.slotId ? slots.find((s) => s.id === input.slotId) : slots.length === 1 ? slots[0] : undefined;
  if (!slot) throw invalidField('slotId', input.slotId ? 'not a slot of this invitation' : 'choose one of the offered slots');
  if (slot.status !== 'open' || slot.visit_id) throw invalidField('slotId', 'this slot is no longer open');
  // Claimed first, so two answers at once cannot both book; handed back if the visit cannot be planned.
  if (!(await transitionInvitation(db, id, 'proposed', { status: 'accepted', ...decided }))) throw conflict('the invitation was answered meanwhile');
  let visitId: string;
  try {
    const visit = await planVisit(ctx, actor, e.id, {
      type: row.kind === 'audit' ? 'third_party_audit' : ((d.visitType as 'buyer_visit' | 'remote_video') ?? 'buyer_visit'),
      slotId: slot.id,
      agenda: [],
      participants: [],
      ...(row.kind === 'audit' && d.scope ? { title: `Third-party audit — ${d.scope}`.slice(0, 200) } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
    visitId = visit.id;
    if (row.kind === 'audit' && d.auditorOrganizationId) await inviteAuditor(ctx, actor, visitId, d.auditorOrganizationId);
  } catch (err) {
    await updateInvitation(db, id, { status: 'proposed', decided_by: null, decided_at: null, decision_note: null });
    throw err;
  }
  await db.transaction().execute(async (trx) => {
    await updateInvitation(trx, id, { result_type: 'visit', result_id: visitId });
    await withdrawOpenSlots(trx, (d.slotIds ?? []).filter((s) => s !== slot.id));
    await recordAudit(trx, actor, 'verification.accepted', 'engagement', e.id, { invitationId: id, kind: row.kind, visitId });
  });
  return getInvitation(ctx, actor, id);
}

export async function declineInvitation(ctx: ServiceContext, actor: Actor, id: string, reason: string) {
  const { row, e } = await asBuyer(ctx, actor, id);
  await ctx.handle.db.transaction().execute(async (trx) => {
    if (!(await transitionInvitation(trx, id, 'proposed', { status: 'declined', decided_by: actor.userId, decided_at: nowIso(), decision_note: reason }))) {
      throw conflict('the invitation was answered meanwhile');
    }
    await withdrawOpenSlots(trx, details(row).slotIds ?? []);
    await recordAudit(trx, actor, 'verification.declined', 'engagement', e.id, { invitationId: id, kind: row.kind, reason });
  });
  return getInvitation(ctx, actor, id);
}

export async function withdrawInvitation(ctx: ServiceContext, actor: Actor, id: string) {
  const { row, e } = await loadInvitation(ctx, actor, id);
  authorize(actor, 'verification.invite');
  if (e.supplier_organization_id !== actor.organizationId) throw forbidden('the supplier withdraws its own invitation');
  const fresh = await syncBooked(ctx.handle.db, row);
  if (fresh.status !== 'proposed') throw conflict(`the invitation is already ${fresh.status}`, [{ path: 'status', message: fresh.status }]);
  await ctx.handle.db.transaction().execute(async (trx) => {
    if (!(await transitionInvitation(trx, id, 'proposed', { status: 'withdrawn', decided_by: actor.userId, decided_at: nowIso() }))) throw conflict('the invitation was answered meanwhile');
    await withdrawOpenSlots(trx, details(row).slotIds ?? []);
    await recordAudit(trx, actor, 'verification.withdrawn', 'engagement', e.id, { invitationId: id });
  });
  return getInvitation(ctx, actor, id);
}

/** The buyer records the test of the accepted samples through the sample-test service; it is linked to the offer. */
export async function recordInvitedSampleTest(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof SampleTestInput>) {
  const { row, e } = await loadInvitation(ctx, actor, id);
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('the buyer records the test of the samples it accepted');
  if (row.kind !== 'sample') throw conflict('only a sample offer leads to a sample test');
  if (row.status !== 'accepted') throw conflict(`the sample offer is ${row.status}; accept it first`);
  if (row.result_id) throw conflict('the test of these samples is already recorded', [{ path: 'id', message: 'already recorded' }]);
  const test = await recordSampleTest(ctx, actor, e.id, input);
  await ctx.handle.db.transaction().execute(async (trx) => {
    await updateInvitation(trx, id, { result_type: 'sample_test', result_id: test.id });
    await recordAudit(trx, actor, 'verification.sample_tested', 'engagement', e.id, { invitationId: id, sampleTestId: test.id });
  });
  return { invitation: await getInvitation(ctx, actor, id), sampleTest: test };
}
