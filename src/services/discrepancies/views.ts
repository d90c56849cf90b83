// What the API returns for a discrepancy: its 8D steps with owner, due date and whether they are overdue, the
// escalation level derived now from the due dates and the ladder, the progress-update cadence, the closure and
// its evidence, the history. Lists batch their reads (one query per table, not per discrepancy).
import type { z } from 'zod';
import type { DiscrepancySummaryView, DiscrepancyView, LadderContactView } from '../../contracts/discrepancies.js';
import {
  listDiscrepancyEvents,
  listDiscrepancyFiles,
  listSteps,
  type DiscrepancyRow,
  type DiscrepancyStepRow,
} from '../../db/repositories/discrepancies.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import { findCadence, listLadder, type LadderContactRow } from '../../db/repositories/escalation.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  EIGHT_D_PROMPTS,
  EIGHT_D_STEPS,
  EIGHT_D_TITLES,
  otherSide,
  type DiscrepancySeverity,
  type EightDStep,
  type EngagementSide,
  type EffectivenessMethod,
} from '../../domain/discrepancies/model.js';
import type { DiscrepancyRules } from '../../domain/discrepancies/rules.js';
import { progressCadence } from '../../domain/escalation/cadence.js';
import { contactsAt, ladderDepth, type LadderContact } from '../../domain/escalation/ladder.js';
import { escalationState, isOverdue, wasLate } from '../../domain/escalation/level.js';
import * as clock from '../../clock.js';
import { can, type Actor } from '../shared/authz.js';
import { organizationOfSide, partyPeople, reference, sideOf } from './access.js';
import { parseTextParams } from '../shared/text-params.js';

type Summary = z.infer<typeof DiscrepancySummaryView>;
type Full = z.infer<typeof DiscrepancyView>;

export function ladderOf(rows: readonly LadderContactRow[]): LadderContact[] {
  return rows.map((c) => ({ level: c.level, side: c.side as EngagementSide, name: c.name, email: c.email, userId: c.user_id, title: c.title }));
}

export function contactView(c: LadderContactRow): z.infer<typeof LadderContactView> {
  return { id: c.id, side: c.side as EngagementSide, level: c.level, name: c.name, email: c.email, title: c.title, userId: c.user_id, locale: c.locale };
}

export function dueItems(steps: readonly DiscrepancyStepRow[]) {
  return steps.map((s) => ({ dueAt: new Date(s.due_at), doneAt: s.done_at ? new Date(s.done_at) : null }));
}

/** The escalation state of an open discrepancy now (closed ones are level 0). */
export function escalationOf(d: DiscrepancyRow, steps: readonly DiscrepancyStepRow[], ladder: readonly LadderContact[], now: Date) {
  const rules = JSON.parse(d.rules) as DiscrepancyRules;
  const ordered = [...steps].sort((a, b) => a.step.localeCompare(b.step));
  const state = escalationState(d.status === 'open' ? dueItems(ordered) : [], now, {
    escalateEveryHours: rules.escalateEveryHours[d.severity as DiscrepancySeverity],
    maxLevel: ladderDepth(ladder),
  });
  return { ...state, maxLevel: ladderDepth(ladder), steps: ordered, rules };
}

/** Updates from the side that works the discrepancy: its progress updates, completed steps, closure request. */
export function cadenceOf(d: DiscrepancyRow, e: EngagementRow, events: readonly { kind: string; at: string; actor_organization_id: string | null }[], everyDays: number, now: Date) {
  const responder = organizationOfSide(e, otherSide(d.raised_by_side as EngagementSide));
  const updates = events
    .filter((ev) => ev.actor_organization_id === responder && ['progress_update', 'step_done', 'closure_requested'].includes(ev.kind))
    .map((ev) => new Date(ev.at));
  return progressCadence({ everyDays, since: new Date(d.raised_at), updates, now: d.closed_at ? new Date(d.closed_at) : now });
}

interface Names {
  orgs: Map<string, string>;
  users: Map<string, string>;
}

async function namesFor(db: Executor, orgIds: string[], userIds: string[]): Promise<Names> {
  const o = orgIds.length ? await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...new Set(orgIds)]).execute() : [];
  const u = userIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(userIds)]).execute() : [];
  return { orgs: new Map(o.map((r) => [r.id, r.name])), users: new Map(u.map((r) => [r.id, r.display_name])) };
}

function person(names: Names, id: string | null, organizationId: string | null = null) {
  if (!id) return null;
  return { id, displayName: names.users.get(id) ?? '—', organizationId };
}

function summaryOf(d: DiscrepancyRow, e: EngagementRow, steps: DiscrepancyStepRow[], ladder: LadderContact[], names: Names, viewerOrg: string, now: Date): Summary {
  const esc = escalationOf(d, steps, ladder, now);
  const current = esc.steps.find((s) => !s.done_at) ?? null;
  return {
    id: d.id,
    number: d.number,
    reference: reference(d.number),
    engagement: {
      id: e.id,
      title: e.title,
      buyer: { id: e.buyer_organization_id, name: names.orgs.get(e.buyer_organization_id) ?? '' },
      supplier: { id: e.supplier_organization_id, name: names.orgs.get(e.supplier_organization_id) ?? '' },
    },
    severity: d.severity as DiscrepancySeverity,
    title: d.title,
    target: { kind: d.target_kind as Summary['target']['kind'], id: d.target_id, label: d.target_label, labelParams: parseTextParams(d.target_label_params) },
    raisedBy: {
      side: d.raised_by_side as EngagementSide,
      organizationId: d.raised_by_organization_id,
      organizationName: names.orgs.get(d.raised_by_organization_id) ?? '',
      user: person(names, d.raised_by, d.raised_by_organization_id)!,
    },
    raisedAt: d.raised_at,
    status: d.status as Summary['status'],
    proactive: d.proactive === 1,
    escalationLevel: esc.level,
    currentStep: current && d.status === 'open' ? { step: current.step as EightDStep, dueAt: current.due_at, overdue: isOverdue({ dueAt: new Date(current.due_at) }, now) } : null,
    stepsDone: steps.filter((s) => s.done_at).length,
    closedAt: d.closed_at,
    closedOnTime: d.closed_on_time === null ? null : d.closed_on_time === 1,
    closureRequested: d.closure_requested_at !== null && d.status === 'open',
    myRole: sideOf(e, viewerOrg),
  };
}

export async function summaries(db: Executor, viewerOrg: string, rows: DiscrepancyRow[]): Promise<Summary[]> {
  if (rows.length === 0) return [];
  const now = clock.now();
  const engagementIds = [...new Set(rows.map((r) => r.engagement_id))];
  const engagements = await db.selectFrom('engagements').selectAll().where('id', 'in', engagementIds).execute();
  const byId = new Map(engagements.map((e) => [e.id, e]));
  const steps = await listSteps(db, rows.map((r) => r.id));
  const ladders = await listLadder(db, engagementIds);
  const names = await namesFor(db, engagements.flatMap((e) => [e.buyer_organization_id, e.supplier_organization_id]), rows.map((r) => r.raised_by));
  return rows.map((d) =>
    summaryOf(
      d,
      byId.get(d.engagement_id)!,
      steps.filter((s) => s.discrepancy_id === d.id),
      ladderOf(ladders.filter((c) => c.engagement_id === d.engagement_id)),
      names,
      viewerOrg,
      now,
    ),
  );
}

function parseEffectiveness(json: string | null, names: Names): Full['effectiveness'] {
  if (!json) return null;
  const x = JSON.parse(json) as { method: EffectivenessMethod; summary: string; evidenceIds: string[]; fileIds: string[]; by: string; byOrganizationId: string; at: string };
  return { method: x.method, summary: x.summary, evidenceIds: x.evidenceIds, fileIds: x.fileIds, by: person(names, x.by, x.byOrganizationId)!, at: x.at };
}

export async function fullView(db: Executor, actor: Actor, d: DiscrepancyRow, e: EngagementRow): Promise<Full> {
  const viewerOrg = actor.organizationId;
  const contributes = can(actor, 'engagement.contribute');
  const now = clock.now();
  const steps = (await listSteps(db, [d.id])).sort((a, b) => EIGHT_D_STEPS.indexOf(a.step as EightDStep) - EIGHT_D_STEPS.indexOf(b.step as EightDStep));
  const ladderRows = await listLadder(db, [e.id]);
  const ladder = ladderOf(ladderRows);
  const events = await listDiscrepancyEvents(db, [d.id]);
  const files = await listDiscrepancyFiles(db, d.id);
  const people = await partyPeople(db, e);
  const cadenceRow = await findCadence(db, e.id);
  const rules = JSON.parse(d.rules) as DiscrepancyRules;
  const userIds = [d.raised_by, d.closed_by, ...steps.flatMap((s) => [s.owner_user_id, s.done_by])].filter((x): x is string => Boolean(x));
  if (d.effectiveness) userIds.push((JSON.parse(d.effectiveness) as { by: string }).by);
  const names = await namesFor(db, [e.buyer_organization_id, e.supplier_organization_id], userIds);
  const orgOfUser = new Map(people.map((p) => [p.id, p.organization_id]));

  const summary = summaryOf(d, e, steps, ladder, names, viewerOrg, now);
  const esc = escalationOf(d, steps, ladder, now);
  const cadence = cadenceOf(d, e, events, cadenceRow?.progress_update_every_days ?? rules.progressUpdateEveryDays, now);
  const side = sideOf(e, viewerOrg);
  const open = d.status === 'open';
  const effectiveness = parseEffectiveness(d.effectiveness, names);
  return {
    ...summary,
    description: d.description,
    quantityAffected: d.quantity_affected,
    quantityUnit: d.quantity_unit,
    disclosure: d.disclosure_reason as Full['disclosure'],
    policy: await db
      .selectFrom('policies')
      .select(['id', 'key', 'version'])
      .where('id', '=', d.policy_id)
      .executeTakeFirstOrThrow(),
    steps: steps.map((s) => ({
      step: s.step as EightDStep,
      title: EIGHT_D_TITLES[s.step as EightDStep],
      prompt: EIGHT_D_PROMPTS[s.step as EightDStep],
      owner: person(names, s.owner_user_id, s.owner_user_id ? (orgOfUser.get(s.owner_user_id) ?? null) : null),
      dueAt: s.due_at,
      doneAt: s.done_at,
      doneBy: person(names, s.done_by, s.done_by ? (orgOfUser.get(s.done_by) ?? null) : null),
      overdue: open && isOverdue({ dueAt: new Date(s.due_at), doneAt: s.done_at ? new Date(s.done_at) : null }, now),
      late: wasLate({ dueAt: new Date(s.due_at), doneAt: s.done_at ? new Date(s.done_at) : null }),
      notes: s.notes,
      data: JSON.parse(s.data) as Full['steps'][number]['data'],
    })),
    escalation: {
      level: esc.level,
      maxLevel: esc.maxLevel,
      overdueSince: esc.overdueSince?.toISOString() ?? null,
      nextEscalationAt: esc.nextEscalationAt?.toISOString() ?? null,
      contacts: esc.level > 0 ? ladderRows.filter((c) => contactsAt(ladder, esc.level).some((x) => x.name === c.name && x.side === c.side && x.level === c.level)).map(contactView) : [],
    },
    cadence: {
      everyDays: cadence.everyDays,
      lastUpdateAt: cadence.lastUpdateAt?.toISOString() ?? null,
      nextDueAt: open ? cadence.nextDueAt.toISOString() : null,
      overdue: open && cadence.overdue,
      missed: cadence.missed.length,
    },
    closureRequest: open && d.closure_requested_at ? effectiveness : null,
    effectiveness: open ? null : effectiveness,
    closedBy: person(names, d.closed_by, d.raised_by_organization_id),
    evidenceId: d.evidence_id,
    files: files.map((f) => ({ id: f.id, filename: f.filename, mediaType: f.media_type, size: Number(f.size), step: f.step as EightDStep | null, addedAt: f.added_at })),
    events: events.map((ev) => ({
      id: ev.id,
      at: ev.at,
      kind: ev.kind,
      step: ev.step as EightDStep | null,
      actor: ev.actor_user_id ? { id: ev.actor_user_id, displayName: ev.actor_name ?? '—', organizationId: ev.actor_organization_id } : null,
      details: JSON.parse(ev.details) as Record<string, unknown>,
    })),
    people: people.map((p) => ({ id: p.id, displayName: p.display_name, organizationId: p.organization_id })),
    can: {
      updateSteps: contributes && open,
      moveDueDates: contributes && open && side === d.raised_by_side,
      requestClosure: contributes && open && side !== d.raised_by_side,
      close: contributes && open && side === d.raised_by_side,
      postUpdate: contributes && open,
    },
  };
}
