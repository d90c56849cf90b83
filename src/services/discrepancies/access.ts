// Who may see a discrepancy: the two parties of its engagement. Everyone else gets the same 404 as for one that
// does not exist. Every discrepancy use case loads it through here.
import { findDiscrepancyFor, type DiscrepancyRow } from '../../db/repositories/discrepancies.js';
import { findEngagementFor, findPolicyById, type EngagementRow, type PolicyRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import type { EngagementSide } from '../../domain/discrepancies/model.js';
import { DEFAULT_DISCREPANCY_RULES, type DiscrepancyRules } from '../../domain/discrepancies/rules.js';
import type { VerificationPolicy } from '../../contracts/policy.js';
import { authorize, type Actor } from '../shared/authz.js';
import { notFound } from '../shared/errors.js';

export interface LoadedDiscrepancy {
  d: DiscrepancyRow;
  e: EngagementRow;
  /** The caller's side in the engagement. */
  side: EngagementSide;
}

export function sideOf(e: Pick<EngagementRow, 'buyer_organization_id'>, organizationId: string): EngagementSide {
  return e.buyer_organization_id === organizationId ? 'buyer' : 'supplier';
}

export function organizationOfSide(e: Pick<EngagementRow, 'buyer_organization_id' | 'supplier_organization_id'>, side: EngagementSide): string {
  return side === 'buyer' ? e.buyer_organization_id : e.supplier_organization_id;
}

export async function loadDiscrepancy(db: Executor, actor: Actor, id: string): Promise<LoadedDiscrepancy> {
  authorize(actor, 'engagement.read');
  const d = await findDiscrepancyFor(db, actor.organizationId, id);
  if (!d) throw notFound('discrepancy');
  const e = (await findEngagementFor(db, actor.organizationId, d.engagement_id))!;
  return { d, e, side: sideOf(e, actor.organizationId) };
}

/** The 8D rules of a policy version; documents written before the section existed use the shipped defaults. */
export function rulesOfPolicy(p: PolicyRow): DiscrepancyRules {
  return (JSON.parse(p.document) as VerificationPolicy).discrepancies ?? DEFAULT_DISCREPANCY_RULES;
}

export async function rulesOfEngagement(db: Executor, e: EngagementRow): Promise<{ policy: PolicyRow; rules: DiscrepancyRules }> {
  const policy = (await findPolicyById(db, e.policy_id))!;
  return { policy, rules: rulesOfPolicy(policy) };
}

export function reference(number: number): string {
  return `NCR-${String(number).padStart(3, '0')}`;
}

/** Members of either party: who may own a step. */
export async function partyPeople(db: Executor, e: EngagementRow) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name', 'memberships.organization_id'])
    .where('memberships.organization_id', 'in', [e.buyer_organization_id, e.supplier_organization_id])
    .orderBy('users.display_name')
    .execute();
}
