import type { z } from 'zod';
import type { EngagementListQuery, EngagementView, GateDecisionInput, NewEngagementInput } from '../contracts/engagements.js';
import type { Executor } from '../db/repositories/executor.js';
import {
  findEngagementFor,
  findPolicyById,
  findPolicyFor,
  insertEngagement,
  insertGateDecision,
  insertWaiver,
  listEngagementsFor,
  listGateDecisions,
  listWaivers,
  revokeWaiverRow,
  updateEngagement,
  type EngagementRow,
  type GateDecisionRow,
} from '../db/repositories/engagements.js';
import { findOrganization } from '../db/repositories/organizations.js';
import { nextPhase, OPEN_PHASES, type EngagementPhase, type OpenPhase } from '../domain/model.js';
import { recordAudit } from './audit.js';
import { authorize, type Actor } from './authz.js';
import type { ServiceContext } from './context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from './errors.js';
import { newId, nowIso } from './ids.js';
import { defaultPolicyRow, latestUsablePolicy, policyDocument } from './policies.js';
import { evaluateEngagement } from './readiness.js';

type GateDecisionViewT = z.infer<typeof EngagementView>['timeline'][number];

export async function loadEngagement(ctx: ServiceContext | { handle: { db: Executor } }, actor: Actor, id: string): Promise<EngagementRow> {
  authorize(actor, 'engagement.read');
  const row = await findEngagementFor(ctx.handle.db, actor.organizationId, id);
  // Not a party: the engagement does not exist for this organization.
  if (!row) throw notFound('engagement');
  return row;
}

export function isOpen(phase: string): phase is OpenPhase {
  return (OPEN_PHASES as readonly string[]).includes(phase);
}

function timelineView(r: GateDecisionRow & { decided_by_name: string }): GateDecisionViewT {
  return {
    id: r.id,
    fromPhase: r.from_phase as EngagementPhase,
    toPhase: r.to_phase as EngagementPhase,
    decision: r.decision as GateDecisionViewT['decision'],
    rationale: r.rationale,
    evidenceIds: JSON.parse(r.evidence_ids) as string[],
    override: r.override === 1,
    overrideReason: r.override_reason,
    unmetRequirements: JSON.parse(r.unmet_requirements) as string[],
    decidedBy: { id: r.decided_by, displayName: r.decided_by_name },
    decidedByOrganizationId: r.decided_by_organization_id,
    decidedAt: r.decided_at,
  };
}

async function views(db: Executor, actor: Actor, rows: EngagementRow[]): Promise<z.infer<typeof EngagementView>[]> {
  const decisions = await listGateDecisions(db, rows.map((r) => r.id));
  const orgCache = new Map<string, { id: string; name: string; country: string; kind: string }>();
  const org = async (id: string) => {
    if (!orgCache.has(id)) {
      const o = await findOrganization(db, id);
      orgCache.set(id, { id, name: o?.name ?? '', country: o?.country ?? '', kind: o?.kind ?? '' });
    }
    return orgCache.get(id)!;
  };
  const out = [];
  for (const r of rows) {
    const policy = (await findPolicyById(db, r.policy_id))!;
    const latest = (await latestUsablePolicy(db, r.buyer_organization_id, policy.key)) ?? policy;
    const doc = policyDocument(policy);
    const titles = new Map(Object.values(doc.phases).flat().map((q) => [q.id, q.title]));
    const scope = JSON.parse(r.scope);
    out.push({
      id: r.id,
      title: r.title,
      scope: { categories: [], productLines: [], expectedVolumes: [], ...scope },
      buyer: await org(r.buyer_organization_id),
      supplier: await org(r.supplier_organization_id),
      crossBorder: r.cross_border === 1,
      phase: r.phase as EngagementPhase,
      phaseStartedAt: r.phase_started_at,
      policy: { id: policy.id, key: policy.key, version: policy.version, name: policy.name, latestVersion: latest.version, latestId: latest.id },
      createdAt: r.created_at,
      respondedAt: r.responded_at,
      responseNote: r.response_note,
      myRole: r.buyer_organization_id === actor.organizationId ? ('buyer' as const) : ('supplier' as const),
      timeline: decisions
        .filter((d) => d.engagement_id === r.id)
        .map(timelineView)
        .map((t) => ({ ...t, unmetRequirementTitles: t.unmetRequirements.map((id) => ({ id, title: titles.get(id) ?? { en: id, zh: id } })) })),
    });
  }
  return out;
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
  });
  return (await views(db, actor, [row]))[0];
}

export async function listEngagements(ctx: ServiceContext, actor: Actor, q: z.infer<typeof EngagementListQuery>) {
  authorize(actor, 'engagement.read');
  const rows = await listEngagementsFor(ctx.handle.db, actor.organizationId, q);
  return views(ctx.handle.db, actor, rows);
}

export async function getEngagement(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await loadEngagement(ctx, actor, id);
  return (await views(ctx.handle.db, actor, [row]))[0];
}

async function recordStep(
  trx: Executor,
  actor: Actor,
  e: EngagementRow,
  step: { decision: string; toPhase: string; rationale: string; evidenceIds?: string[]; override?: boolean; overrideReason?: string | null; unmet?: string[]; summary?: unknown },
) {
  const at = nowIso();
  await insertGateDecision(trx, {
    id: newId(),
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
  if (step.toPhase !== e.phase) await updateEngagement(trx, e.id, { phase: step.toPhase, phase_started_at: at });
  await recordAudit(trx, actor, `engagement.${step.decision}`, 'engagement', e.id, { from: e.phase, to: step.toPhase, override: Boolean(step.override) });
}

export async function respondToEngagement(ctx: ServiceContext, actor: Actor, id: string, decision: 'accept' | 'decline', note?: string) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    // Found first, so another organization gets the same 404 as for a missing engagement.
    const e = await loadEngagement({ handle: { db: trx } }, actor, id);
    authorize(actor, 'engagement.respond');
    if (e.supplier_organization_id !== actor.organizationId) throw forbidden('only the supplier answers an engagement request');
    if (e.phase !== 'proposed') throw conflict(`the engagement was already answered (it is ${e.phase})`);
    await updateEngagement(trx, id, { responded_at: nowIso(), response_note: note ?? null });
    await recordStep(trx, actor, e, {
      decision: decision,
      toPhase: decision === 'accept' ? 'credibility' : 'withdrawn',
      rationale: note ?? (decision === 'accept' ? 'Accepted by the supplier.' : 'Declined by the supplier.'),
    });
  });
  return getEngagement(ctx, actor, id);
}

/**
 * A gate decision by the buyer. Advancing with a required requirement unmet needs an explicit override and its
 * reason; the unmet requirements are stored with the decision and shown forever after.
 */
export async function decideGate(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof GateDecisionInput>) {
  const e = await loadEngagement(ctx, actor, id);
  authorize(actor, 'engagement.decide');
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('gate decisions are the buyer’s');
  if (!isOpen(e.phase)) throw conflict(`no gate to decide: the engagement is ${e.phase}`, [{ path: 'decision', message: `engagement is ${e.phase}` }]);
  const readiness = await evaluateEngagement(ctx, e);
  const inEngagement = new Set(readiness.evidenceIds);
  for (const [i, eid] of input.evidenceIds.entries()) {
    if (!inEngagement.has(eid)) throw invalidField(`evidenceIds.${i}`, 'not evidence of this engagement');
  }
  const unmet = readiness.result.summary.blocking;
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
  await ctx.handle.db.transaction().execute((trx) =>
    recordStep(trx, actor, e, {
      decision: input.decision,
      toPhase,
      rationale: input.rationale,
      evidenceIds: input.evidenceIds,
      override: input.decision === 'advance' && unmet.length > 0 && input.override,
      overrideReason: input.decision === 'advance' && unmet.length > 0 ? input.overrideReason : null,
      unmet,
      summary: readiness.result.summary,
    }),
  );
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

export async function waiveRequirement(ctx: ServiceContext, actor: Actor, id: string, requirementId: string, reason: string) {
  const e = await loadEngagement(ctx, actor, id);
  authorize(actor, 'engagement.decide');
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('waivers are the buyer’s decision');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}`);
  const policy = policyDocument((await findPolicyById(ctx.handle.db, e.policy_id))!);
  const req = policy.phases[e.phase].find((r) => r.id === requirementId);
  if (!req) throw invalidField('requirementId', `no requirement ${requirementId} in phase ${e.phase} of this policy`);
  if (req.waivable === false) throw invalidField('requirementId', 'this requirement cannot be waived');
  const already = (await listWaivers(ctx.handle.db, id)).find((w) => w.requirement_id === requirementId && w.phase === e.phase);
  if (already) throw conflict('this requirement is already waived');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const wid = newId();
    await insertWaiver(trx, { id: wid, engagement_id: id, phase: e.phase, requirement_id: requirementId, reason, waived_by: actor.userId, waived_at: nowIso(), revoked_at: null });
    await recordAudit(trx, actor, 'engagement.requirement_waived', 'engagement', id, { requirementId, reason });
  });
  return { requirementId, reason, phase: e.phase };
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
    await updateEngagement(trx, id, { policy_id: p.id });
    await recordStep(trx, actor, e, { decision: 'policy_change', toPhase: e.phase, rationale: `Policy moved from ${old.key} v${old.version} to ${p.key} v${p.version}.` });
  });
  return getEngagement(ctx, actor, id);
}
