import type { z } from 'zod';
import type { EngagementListQuery, EngagementView, GateDecisionInput, NewEngagementInput } from '../../contracts/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  findEngagementViewRow,
  findPolicyById,
  findPolicyFor,
  insertEngagement,
  insertGateDecision,
  insertWaiver,
  listEngagementViewRows,
  listTimelines,
  listWaivers,
  revokeWaiverRow,
  updateEngagement,
  updateEngagementInPhase,
  type EngagementRow,
  type EngagementViewRow,
  type TimelineRow,
} from '../../db/repositories/engagements.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import type { VerificationPolicy } from '../../contracts/policy.js';
import { isUniqueViolation } from '../../db/errors.js';
import { nextPhase, type EngagementPhase } from '../../domain/model.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { defaultPolicyRow, policyDocument, policyDocuments } from './policies.js';
import { buildReadinessInput } from './readiness.js';
import { evaluateReadiness } from '../../domain/readiness/index.js';
import { isOpen, loadEngagement } from './access.js';
import { logGateDecision } from '../record/contents.js';
import { notifyEngagementOpened } from '../notifications/events.js';

type GateDecisionViewT = z.infer<typeof EngagementView>['timeline'][number];

/** A timeline entry as the view shows it, built once: with the titles of its unmet requirements (from its policy). */
function timelineView(r: TimelineRow, unmet: string[], titles: Map<string, { en: string; zh: string }> | null): GateDecisionViewT {
  return {
    id: r.id,
    fromPhase: r.from_phase as EngagementPhase,
    toPhase: r.to_phase as EngagementPhase,
    decision: r.decision as GateDecisionViewT['decision'],
    rationale: r.rationale,
    evidenceIds: JSON.parse(r.evidence_ids) as string[],
    override: r.override === 1,
    overrideReason: r.override_reason,
    unmetRequirements: unmet,
    unmetRequirementTitles: unmet.map((id) => ({ id, title: titles?.get(id) ?? { en: id, zh: id } })),
    decidedBy: { id: r.decided_by, displayName: r.decided_by_name },
    decidedByOrganizationId: r.decided_by_organization_id,
    decidedAt: r.decided_at,
  };
}

/** Requirement titles of a policy, by requirement id (for the timeline's unmet requirements). */
const titlesByPolicy = new WeakMap<object, Map<string, { en: string; zh: string }>>();
function requirementTitles(doc: VerificationPolicy) {
  let titles = titlesByPolicy.get(doc);
  if (!titles) {
    titles = new Map(Object.values(doc.phases).flat().map((q) => [q.id, q.title]));
    titlesByPolicy.set(doc, titles);
  }
  return titles;
}

/**
 * Views of engagements read by listEngagementViewRows / findEngagementViewRow (organizations and policy versions
 * joined there): one more query for all their timelines, and the policy documents only when a timeline names unmet
 * requirements and the document is not parsed yet.
 */
async function views(db: Executor, actor: Actor, rows: EngagementViewRow[]): Promise<z.infer<typeof EngagementView>[]> {
  if (rows.length === 0) return [];
  const policyOf = new Map<string, string>();
  for (const r of rows) policyOf.set(r.id, r.policy_id);
  const decisions = await listTimelines(db, rows.map((r) => r.id));
  const unmetOf = decisions.map((d) => JSON.parse(d.unmet_requirements) as string[]);
  // Policy documents only for engagements whose timeline names unmet requirements (for their titles).
  const documents = await policyDocuments(db, decisions.flatMap((d, i) => (unmetOf[i]!.length ? [policyOf.get(d.engagement_id)!] : [])));
  const byEngagement = new Map<string, GateDecisionViewT[]>();
  decisions.forEach((d, i) => {
    const doc = documents.get(policyOf.get(d.engagement_id)!);
    const t = timelineView(d, unmetOf[i]!, doc ? requirementTitles(doc) : null);
    const list = byEngagement.get(d.engagement_id);
    if (list) list.push(t);
    else byEngagement.set(d.engagement_id, [t]);
  });
  return rows.map((r) => {
    const scope = JSON.parse(r.scope);
    return {
      id: r.id,
      title: r.title,
      scope: { categories: [], productLines: [], expectedVolumes: [], ...scope },
      buyer: { id: r.buyer_organization_id, name: r.buyer_name, country: r.buyer_country, kind: r.buyer_kind },
      supplier: { id: r.supplier_organization_id, name: r.supplier_name, country: r.supplier_country, kind: r.supplier_kind },
      crossBorder: r.cross_border === 1,
      phase: r.phase as EngagementPhase,
      phaseStartedAt: r.phase_started_at,
      policy: {
        id: r.policy_id,
        key: r.policy_key,
        version: r.policy_version,
        name: r.policy_name,
        latestVersion: r.latest_policy_version ?? r.policy_version,
        latestId: r.latest_policy_id ?? r.policy_id,
      },
      createdAt: r.created_at,
      respondedAt: r.responded_at,
      responseNote: r.response_note,
      myRole: r.buyer_organization_id === actor.organizationId ? ('buyer' as const) : ('supplier' as const),
      timeline: byEngagement.get(r.id) ?? [],
    };
  });
}

/** The view of one engagement the caller may see (found through loadEngagement, or just created). */
async function viewOf(db: Executor, actor: Actor, id: string) {
  const row = await findEngagementViewRow(db, id);
  if (!row) throw notFound('engagement');
  return (await views(db, actor, [row]))[0]!;
}

export async function createEngagement(ctx: ServiceContext, actor: Actor, input: z.infer<typeof NewEngagementInput>) {
  authorize(actor, 'engagement.create');
  const db = ctx.handle.db;
  const supplier = await findOrganization(db, input.supplierOrganizationId);
  if (!supplier || supplier.kind !== 'supplier') throw invalidField('supplierOrganizationId', 'no such supplier in the directory');
  const buyer = (await findOrganization(db, actor.organizationId))!;
  const crossBorder = buyer.country !== supplier.country || input.scope.destinationCountry !== supplier.country;
  const policy = input.policyId ? await findPolicyFor(db, actor.organizationId, input.policyId) : await defaultPolicyRow(db, crossBorder);
  if (!policy) throw invalidField('policyId', 'no such policy');
  const at = nowIso();
  const row: EngagementRow = {
    id: newId(),
    buyer_organization_id: actor.organizationId,
    supplier_organization_id: supplier.id,
    title: input.title,
    scope: JSON.stringify(input.scope),
    cross_border: crossBorder ? 1 : 0,
    phase: 'proposed',
    policy_id: policy.id,
    phase_started_at: at,
    created_by: actor.userId,
    created_at: at,
    responded_at: null,
    response_note: null,
  };
  await db.transaction().execute(async (trx) => {
    await insertEngagement(trx, row);
    await recordAudit(trx, actor, 'engagement.proposed', 'engagement', row.id, { supplier: supplier.name, title: row.title, policy: `${policy.key}@${policy.version}` });
    await notifyEngagementOpened(trx, ctx, row);
  });
  return viewOf(db, actor, row.id);
}

export async function listEngagements(ctx: ServiceContext, actor: Actor, q: z.infer<typeof EngagementListQuery>) {
  authorize(actor, 'engagement.read');
  const rows = await listEngagementViewRows(ctx.handle.db, actor.organizationId, q);
  return views(ctx.handle.db, actor, rows);
}

export async function getEngagement(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await loadEngagement(ctx, actor, id);
  return viewOf(ctx.handle.db, actor, row.id);
}

/** Another decision moved the engagement since the caller saw it: decide again on what it is now. */
function phaseMoved(expected: string, now?: string) {
  return new AppError(409, 'phase_changed', `the engagement is no longer ${expected}${now ? ` (it is ${now})` : ''}: reload it and decide again`, [
    { path: 'expectedPhase', message: now ? `engagement is ${now}` : `engagement is no longer ${expected}`, code: 'phase_changed' },
  ]);
}

async function recordStep(
  trx: Executor,
  actor: Actor,
  e: EngagementRow,
  step: { decision: string; toPhase: string; rationale: string; evidenceIds?: string[]; override?: boolean; overrideReason?: string | null; unmet?: string[]; summary?: unknown },
) {
  const at = nowIso();
  // The step is written only if the engagement is still where the caller saw it (see updateEngagementInPhase).
  const moved = step.toPhase !== e.phase ? { phase: step.toPhase, phase_started_at: at } : {};
  if (!(await updateEngagementInPhase(trx, e.id, e.phase, moved))) throw phaseMoved(e.phase);
  const decisionId = newId();
  await insertGateDecision(trx, {
    id: decisionId,
    engagement_id: e.id,
    from_phase: e.phase,
    to_phase: step.toPhase,
    decision: step.decision,
    rationale: step.rationale,
    evidence_ids: JSON.stringify(step.evidenceIds ?? []),
    override: step.override ? 1 : 0,
    override_reason: step.overrideReason ?? null,
    unmet_requirements: JSON.stringify(step.unmet ?? []),
    readiness_summary: JSON.stringify(step.summary ?? {}),
    decided_by: actor.userId,
    decided_by_organization_id: actor.organizationId,
    decided_at: at,
  });
  await logGateDecision(trx, decisionId);
  await recordAudit(trx, actor, `engagement.${step.decision}`, 'engagement', e.id, { from: e.phase, to: step.toPhase, override: Boolean(step.override) });
}

export async function respondToEngagement(ctx: ServiceContext, actor: Actor, id: string, decision: 'accept' | 'decline', note?: string) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    // Found first, so another organization gets the same 404 as for a missing engagement.
    const e = await loadEngagement({ handle: { db: trx } }, actor, id);
    authorize(actor, 'engagement.respond');
    if (e.supplier_organization_id !== actor.organizationId) throw forbidden('only the supplier answers an engagement request');
    if (e.phase !== 'proposed') throw conflict(`the engagement was already answered (it is ${e.phase})`);
    await recordStep(trx, actor, e, {
      decision: decision,
      toPhase: decision === 'accept' ? 'credibility' : 'withdrawn',
      rationale: note ?? (decision === 'accept' ? 'Accepted by the supplier.' : 'Declined by the supplier.'),
    });
    await updateEngagement(trx, id, { responded_at: nowIso(), response_note: note ?? null });
  });
  return getEngagement(ctx, actor, id);
}

/**
 * A gate decision by the buyer. Advancing with a required requirement unmet needs an explicit override and its
 * reason; the unmet requirements are stored with the decision and shown forever after.
 */
export async function decideGate(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof GateDecisionInput>) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const e = await loadEngagement({ handle: { db: trx } }, actor, id);
    authorize(actor, 'engagement.decide');
    if (e.buyer_organization_id !== actor.organizationId) throw forbidden('gate decisions are the buyer’s');
    // The decision names the phase it decides: a repeated or concurrent request finds the phase moved.
    if (e.phase !== input.expectedPhase) throw phaseMoved(input.expectedPhase, e.phase);
    if (!isOpen(e.phase)) throw conflict(`no gate to decide: the engagement is ${e.phase}`, [{ path: 'decision', message: `engagement is ${e.phase}` }]);
    // Lock before judging, so readiness and the step are read and written as one.
    if (!(await updateEngagementInPhase(trx, e.id, e.phase))) throw phaseMoved(input.expectedPhase);
    const { evidenceIds, ...readinessInput } = await buildReadinessInput(trx, e);
    const readiness = evaluateReadiness(readinessInput);
    const inEngagement = new Set(evidenceIds);
    for (const [i, eid] of input.evidenceIds.entries()) {
      if (!inEngagement.has(eid)) throw invalidField(`evidenceIds.${i}`, 'not evidence of this engagement');
    }
    const unmet = readiness.summary.blocking;
    let toPhase: string = e.phase;
    if (input.decision === 'advance') {
      const next = nextPhase(e.phase as EngagementPhase);
      if (!next) throw conflict('partnership is the last phase', [{ path: 'decision', message: 'no further phase' }]);
      if (unmet.length && !input.override) {
        throw new AppError(409, 'requirements_unmet', `required requirements are unmet: ${unmet.join(', ')}; advancing needs an explicit override with a reason`, [
          { path: 'override', message: `unmet: ${unmet.join(', ')}` },
        ]);
      }
      toPhase = next;
    } else if (input.decision === 'reject') {
      toPhase = 'rejected';
    }
    await recordStep(trx, actor, e, {
      decision: input.decision,
      toPhase,
      rationale: input.rationale,
      evidenceIds: input.evidenceIds,
      override: input.decision === 'advance' && unmet.length > 0 && input.override,
      overrideReason: input.decision === 'advance' && unmet.length > 0 ? input.overrideReason : null,
      unmet,
      summary: readiness.summary,
    });
  });
  return getEngagement(ctx, actor, id);
}

export async function closeEngagement(ctx: ServiceContext, actor: Actor, id: string, action: 'withdraw' | 'terminate', rationale: string) {
  authorize(actor, 'engagement.contribute');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const e = await loadEngagement({ handle: { db: trx } }, actor, id);
    if (!isOpen(e.phase) && e.phase !== 'proposed') throw conflict(`the engagement is already ${e.phase}`);
    if (action === 'terminate' && e.phase !== 'partnership' && e.phase !== 'operational_compatibility') {
      throw invalidField('action', 'terminate ends a pilot or partnership; withdraw from an earlier phase');
    }
    await recordStep(trx, actor, e, { decision: action, toPhase: action === 'withdraw' ? 'withdrawn' : 'terminated', rationale });
  });
  return getEngagement(ctx, actor, id);
}

/** One active waiver per requirement and phase: checked and written in one transaction, and a unique index. */
export async function waiveRequirement(ctx: ServiceContext, actor: Actor, id: string, requirementId: string, reason: string) {
  try {
    return await ctx.handle.db.transaction().execute(async (trx) => {
      const e = await loadEngagement({ handle: { db: trx } }, actor, id);
      authorize(actor, 'engagement.decide');
      if (e.buyer_organization_id !== actor.organizationId) throw forbidden('waivers are the buyer’s decision');
      if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}`);
      const policy = policyDocument((await findPolicyById(trx, e.policy_id))!);
      const req = policy.phases[e.phase].find((r) => r.id === requirementId);
      if (!req) throw invalidField('requirementId', `no requirement ${requirementId} in phase ${e.phase} of this policy`);
      if (req.waivable === false) throw invalidField('requirementId', 'this requirement cannot be waived');
      // Waived for the phase as it still is; a concurrent waiver waits here on PostgreSQL, then sees this one.
      if (!(await updateEngagementInPhase(trx, e.id, e.phase))) throw phaseMoved(e.phase);
      const already = (await listWaivers(trx, id)).find((w) => w.requirement_id === requirementId && w.phase === e.phase);
      if (already) throw alreadyWaived();
      const wid = newId();
      await insertWaiver(trx, { id: wid, engagement_id: id, phase: e.phase, requirement_id: requirementId, reason, waived_by: actor.userId, waived_at: nowIso(), revoked_at: null });
      await recordAudit(trx, actor, 'engagement.requirement_waived', 'engagement', id, { requirementId, reason });
      return { requirementId, reason, phase: e.phase };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyWaived();
    throw err;
  }
}

function alreadyWaived() {
  return conflict('this requirement is already waived', [{ path: 'requirementId', message: 'already waived in this phase', code: 'already_waived' }]);
}

export async function listEngagementWaivers(ctx: ServiceContext, actor: Actor, id: string) {
  await loadEngagement(ctx, actor, id);
  return (await listWaivers(ctx.handle.db, id)).map((w) => ({
    id: w.id,
    phase: w.phase as EngagementPhase,
    requirementId: w.requirement_id,
    reason: w.reason,
    waivedBy: { id: w.waived_by, displayName: w.waived_by_name },
    waivedAt: w.waived_at,
  }));
}

/** A waiver is withdrawn, not deleted: the audit log keeps both steps. */
export async function revokeWaiver(ctx: ServiceContext, actor: Actor, id: string, waiverId: string) {
  const e = await loadEngagement(ctx, actor, id);
  authorize(actor, 'engagement.decide');
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('waivers are the buyer’s decision');
  await ctx.handle.db.transaction().execute(async (trx) => {
    if (!(await revokeWaiverRow(trx, id, waiverId, nowIso()))) throw notFound('waiver');
    await recordAudit(trx, actor, 'engagement.waiver_revoked', 'engagement', id, { waiverId });
  });
}

/** Moves an engagement to another policy version the buyer can use; recorded on the timeline. */
export async function movePolicy(ctx: ServiceContext, actor: Actor, id: string, policyId: string) {
  const e = await loadEngagement(ctx, actor, id);
  authorize(actor, 'engagement.decide');
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('the buyer chooses the policy');
  const p = await findPolicyFor(ctx.handle.db, actor.organizationId, policyId);
  if (!p) throw invalidField('policyId', 'no such policy');
  const old = (await findPolicyById(ctx.handle.db, e.policy_id))!;
  await ctx.handle.db.transaction().execute(async (trx) => {
    await recordStep(trx, actor, e, { decision: 'policy_change', toPhase: e.phase, rationale: `Policy moved from ${old.key} v${old.version} to ${p.key} v${p.version}.` });
    await updateEngagement(trx, id, { policy_id: p.id });
  });
  return getEngagement(ctx, actor, id);
}
