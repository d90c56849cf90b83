// A visit as the caller's side sees it, with what the caller may do next (`can`).
import { RECORDING_STATUSES, type VisitSide, type VisitStatus, type VisitType, type VisitViewT } from '../../contracts/visits.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findUserById } from '../../db/repositories/users.js';
import {
  findChecklistTemplateById,
  listParticipantOrgs,
  listProposalsOfVisits,
  type VisitAccess,
  type VisitProposalRow,
} from '../../db/repositories/visits.js';
import { utcToZonedLocal } from '../../domain/time/zones.js';
import { can, type Actor } from '../shared/authz.js';
import { isOpen } from '../engagements/access.js';
import * as clock from '../../clock.js';

export const VISIT_TYPE_LABELS: Record<VisitType, string> = {
  buyer_visit: 'Factory visit',
  third_party_audit: 'Third-party audit',
  remote_video: 'Remote video walk-through',
};
export const TERMINAL: readonly VisitStatus[] = ['declined', 'closed', 'cancelled'];

export function capabilities(actor: Actor, a: VisitAccess, signedByMe: boolean): VisitViewT['can'] {
  const status = a.visit.status as VisitStatus;
  const open = isOpen(a.engagement.phase);
  const recording = open && RECORDING_STATUSES.includes(status);
  // A confirmed visit still ahead with nothing recorded cannot close yet (see closeVisit).
  const notYet = status === 'confirmed' && Date.parse(a.visit.planned_start) > clock.nowMs();
  const side = a.side;
  return {
    respond: side === 'supplier' && status === 'proposed' && can(actor, 'visit.respond'),
    reschedule: side === 'buyer' && ['proposed', 'rescheduling', 'confirmed'].includes(status) && can(actor, 'visit.plan'),
    cancel:
      ((side === 'buyer' && can(actor, 'visit.plan')) || (side === 'supplier' && can(actor, 'visit.respond'))) &&
      (['proposed', 'rescheduling', 'confirmed'].includes(status) || (side === 'buyer' && status === 'in_progress')),
    inviteAuditor: side === 'buyer' && !TERMINAL.includes(status) && can(actor, 'visit.plan'),
    record: (side === 'buyer' || side === 'auditor') && recording && can(actor, 'visit.record'),
    close: recording && !notYet && can(actor, 'visit.close') && (side === 'buyer' || (side === 'auditor' && a.visit.type === 'third_party_audit')),
    assessBuyer: side === 'supplier' && ['confirmed', 'in_progress', 'closed'].includes(status) && can(actor, 'visit.assess_buyer'),
    shareChecklist: side === 'buyer' && can(actor, 'visit.record'),
    signOff: status === 'closed' && !signedByMe && can(actor, 'visit.sign'),
  };
}

export function proposalView(p: VisitProposalRow) {
  return {
    id: p.id,
    visitId: p.visit_id,
    by: p.side as VisitSide,
    siteId: p.site_id,
    start: p.start_at,
    end: p.end_at,
    startLocal: utcToZonedLocal(p.start_at, p.time_zone),
    endLocal: utcToZonedLocal(p.end_at, p.time_zone),
    timeZone: p.time_zone,
    note: p.note,
    status: p.status as 'open',
    createdAt: p.created_at,
  };
}

export async function visitViews(db: Executor, actor: Actor, list: VisitAccess[]): Promise<VisitViewT[]> {
  const ids = list.map((a) => a.visit.id);
  const [proposals, auditors] = await Promise.all([listProposalsOfVisits(db, ids), listParticipantOrgs(db, ids)]);
  const signed = ids.length
    ? await db.selectFrom('visit_sign_offs').select('visit_id').where('visit_id', 'in', ids).where('organization_id', '=', actor.organizationId).execute()
    : [];
  const cache = new Map<string, unknown>();
  const memo = async <T>(key: string, f: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, await f());
    return cache.get(key) as T;
  };
  const org = (id: string) =>
    memo(`org:${id}`, async () => {
      const o = await findOrganization(db, id);
      return { id, name: o?.name ?? '', country: o?.country ?? '', kind: o?.kind ?? '' };
    });
  const user = (id: string | null) =>
    id ? memo(`user:${id}`, async () => ({ id, displayName: (await findUserById(db, id))?.display_name ?? '' })) : Promise.resolve(null);
  const out: VisitViewT[] = [];
  for (const a of list) {
    const v = a.visit;
    const site = await memo(`site:${v.site_id}`, () => db.selectFrom('sites').selectAll().where('id', '=', v.site_id).executeTakeFirstOrThrow());
    const template = await memo(`tpl:${v.template_id}`, async () => (await findChecklistTemplateById(db, v.template_id))!);
    out.push({
      id: v.id,
      engagementId: v.engagement_id,
      engagementTitle: a.engagement.title,
      type: v.type as VisitType,
      status: v.status as VisitStatus,
      title: v.title,
      buyer: await org(a.engagement.buyer_organization_id),
      supplier: await org(a.engagement.supplier_organization_id),
      auditors: auditors
        .filter((p) => p.visit_id === v.id)
        .map((p) => ({ id: p.organization_id, name: p.organization_name, country: p.organization_country, kind: p.organization_kind, invitedAt: p.invited_at })),
      site: { id: site.id, name: site.name, address: site.address, country: site.country, timeZone: site.time_zone },
      plannedStart: v.planned_start,
      plannedEnd: v.planned_end,
      plannedStartLocal: utcToZonedLocal(v.planned_start, v.time_zone),
      plannedEndLocal: utcToZonedLocal(v.planned_end, v.time_zone),
      timeZone: v.time_zone,
      agenda: JSON.parse(v.agenda),
      participants: JSON.parse(v.participants),
      lead: await user(v.lead_user_id),
      initiatedBy: v.initiated_by as VisitSide,
      template: { id: template.id, key: template.key, version: template.version, name: JSON.parse(template.name) },
      proposals: proposals.filter((p) => p.visit_id === v.id).map(proposalView),
      responseNote: v.response_note,
      declineReason: v.decline_reason,
      cancelReason: v.cancel_reason,
      outcome: v.outcome as VisitViewT['outcome'],
      summary: v.summary,
      closedAt: v.closed_at,
      closedBy: await user(v.closed_by),
      checklistShared: v.checklist_shared === 1,
      myRole: a.side,
      can: capabilities(actor, a, signed.some((s) => s.visit_id === v.id)),
      createdAt: v.created_at,
      updatedAt: v.updated_at,
    });
  }
  return out;
}

export async function visitView(db: Executor, actor: Actor, a: VisitAccess): Promise<VisitViewT> {
  return (await visitViews(db, actor, [a]))[0];
}
