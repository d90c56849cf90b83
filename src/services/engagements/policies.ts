import type { z } from 'zod';
import type { PolicyView } from '../../contracts/engagements.js';
import { parsePolicy, type VerificationPolicy } from '../../contracts/policy.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  findPoliciesByIds,
  findPolicyFor,
  findShippedPolicy,
  insertPolicy,
  latestPolicyVersion,
  listPoliciesFor,
  type PolicyRow,
} from '../../db/repositories/engagements.js';
import { DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY } from '../../domain/policy/default-policies.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { invalid, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';

export const SHIPPED_POLICIES: VerificationPolicy[] = [DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY];

/** The shipped defaults are rows like any other policy, so engagements point at an exact version. */
export async function ensureShippedPolicies(db: Executor): Promise<void> {
  for (const p of SHIPPED_POLICIES) {
    if (await findShippedPolicy(db, p.key, p.version)) continue;
    await insertPolicy(db, {
      id: newId(),
      organization_id: null,
      key: p.key,
      version: p.version,
      name: p.name,
      scope: p.scope,
      document: JSON.stringify(p),
      created_by: null,
      created_at: nowIso(),
    });
  }
}

export function policyView(r: PolicyRow): z.infer<typeof PolicyView> {
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    name: r.name,
    scope: r.scope,
    shipped: r.organization_id === null,
    organizationId: r.organization_id,
    createdAt: r.created_at,
    document: JSON.parse(r.document),
  };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Parsed documents by policy id, with the text they were parsed from (a policy row is never rewritten, but if one
 * were, its new text would be parsed anew). Frozen: every caller shares the one object. */
const parsedPolicies = new Map<string, { text: string; doc: VerificationPolicy }>();
const MAX_PARSED_POLICIES = 500;

/**
 * The policy's document. Parsing it was a tenth of listing engagements (each names its policy, dozens of
 * requirements with bilingual titles), so it is parsed once per policy and shared, read-only.
 */
export function policyDocument(r: PolicyRow): VerificationPolicy {
  const hit = parsedPolicies.get(r.id);
  if (hit && hit.text === r.document) return hit.doc;
  const doc = deepFreeze(JSON.parse(r.document) as VerificationPolicy);
  if (parsedPolicies.size >= MAX_PARSED_POLICIES) parsedPolicies.delete(parsedPolicies.keys().next().value!);
  parsedPolicies.set(r.id, { text: r.document, doc });
  return doc;
}

/**
 * Parsed documents of the given policies: from the parsed ones by id (a policy row is never rewritten: a change is
 * a new version with an id of its own), and only the others read.
 */
export async function policyDocuments(db: Executor, ids: readonly string[]): Promise<Map<string, VerificationPolicy>> {
  const docs = new Map<string, VerificationPolicy>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = parsedPolicies.get(id);
    if (hit) docs.set(id, hit.doc);
    else missing.push(id);
  }
  if (missing.length) for (const r of await findPoliciesByIds(db, missing)) docs.set(r.id, policyDocument(r));
  return docs;
}

export async function listPolicies(ctx: ServiceContext, actor: Actor, scope?: string) {
  authorize(actor, 'policy.read');
  const rows = await listPoliciesFor(ctx.handle.db, actor.organizationId);
  return rows.filter((r) => !scope || r.scope === scope).map(policyView);
}

export async function getPolicy(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'policy.read');
  const r = await findPolicyFor(ctx.handle.db, actor.organizationId, id);
  if (!r) throw notFound('policy');
  return policyView(r);
}

/**
 * Saves an edited or uploaded policy as the organization's next version of its key. Policies are never changed
 * in place: engagements keep the version they started with.
 */
export async function savePolicyVersion(ctx: ServiceContext, actor: Actor, json: unknown) {
  authorize(actor, 'policy.manage');
  const parsed = parsePolicy(json);
  if (!parsed.ok) {
    throw invalid(`the policy has ${parsed.errors.length} error(s)`, parsed.errors.map((e) => ({ path: e.path, message: e.message })));
  }
  const doc = parsed.policy;
  return ctx.handle.db.transaction().execute(async (trx) => {
    // Versions of a key continue from the highest one the organization can use, shipped ones included, so an
    // edited default is a newer version than the default it came from.
    const own = await latestPolicyVersion(trx, actor.organizationId, doc.key);
    const shipped = await latestPolicyVersion(trx, null, doc.key);
    const version = Math.max(own?.version ?? 0, shipped?.version ?? 0) + 1;
    const stored: VerificationPolicy = { ...doc, version };
    const row: PolicyRow = {
      id: newId(),
      organization_id: actor.organizationId,
      key: doc.key,
      version,
      name: doc.name,
      scope: doc.scope,
      document: JSON.stringify(stored),
      created_by: actor.userId,
      created_at: nowIso(),
    };
    await insertPolicy(trx, row);
    await recordAudit(trx, actor, 'policy.version_saved', 'policy', row.id, { key: doc.key, version });
    return policyView(row);
  });
}

export async function defaultPolicyRow(db: Executor, crossBorder: boolean): Promise<PolicyRow> {
  const shipped = crossBorder ? DEFAULT_CROSS_BORDER_POLICY : DEFAULT_DOMESTIC_POLICY;
  const row = await latestPolicyVersion(db, null, shipped.key);
  if (!row) throw new Error('shipped policies are missing; run migrations');
  return row;
}

