import type { z } from 'zod';
import type { ClaimInput, ClaimPatch, SiteInput } from '../../contracts/engagements.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import {
  findClaim,
  findSite,
  insertClaim,
  insertSite,
  listClaims,
  listSites,
  updateClaim,
  type ClaimRow,
  type SiteRow,
} from '../../db/repositories/profile.js';
import { findVisibleFile } from '../../db/repositories/files.js';
import { listVisibleEvidenceAbout } from '../../db/repositories/evidence.js';
import { assessClaims } from '../../domain/readiness/index.js';
import type { ClaimType } from '../../domain/model.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { invalid, invalidField, notFound } from '../shared/errors.js';
import { claimBoundIssues } from '../../domain/claims/bounds.js';
import type { ClaimPeriod } from '../../domain/periods.js';
import { newId, nowIso } from '../shared/ids.js';
import { readinessClaim, readinessEvidence, loadEvidenceDetails } from './evidence-mapping.js';
import { DEFAULT_CROSS_BORDER_POLICY } from '../../domain/policy/default-policies.js';
import * as clock from '../../clock.js';

export function siteView(r: SiteRow) {
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    address: r.address,
    country: r.country,
    timeZone: r.time_zone,
    processes: JSON.parse(r.processes) as string[],
    headcount: r.headcount,
    createdAt: r.created_at,
  };
}

async function requireSupplier(ctx: ServiceContext, organizationId: string) {
  const org = await findOrganization(ctx.handle.db, organizationId);
  if (!org || org.kind !== 'supplier') throw notFound('supplier');
  return org;
}

/** Sites and claims are the supplier's public profile: any signed-in organization may read them. */
export async function listOrganizationSites(ctx: ServiceContext, actor: Actor, organizationId: string) {
  authorize(actor, 'organization.read');
  await requireSupplier(ctx, organizationId);
  return (await listSites(ctx.handle.db, organizationId)).map(siteView);
}

export async function createSite(ctx: ServiceContext, actor: Actor, organizationId: string, input: z.infer<typeof SiteInput>) {
  if (organizationId !== actor.organizationId) throw notFound('organization');
  authorize(actor, 'profile.manage');
  const at = nowIso();
  const row: SiteRow = {
    id: newId(),
    organization_id: actor.organizationId,
    name: input.name,
    address: input.address,
    country: input.country,
    time_zone: input.timeZone,
    processes: JSON.stringify(input.processes),
    headcount: input.headcount ?? null,
    created_at: at,
    updated_at: at,
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    await insertSite(trx, row);
    await recordAudit(trx, actor, 'site.created', 'site', row.id, { name: row.name });
  });
  return siteView(row);
}

/**
 * Claims with their status as the viewer can judge it: from the evidence the viewer may see (its own records and
 * what was shared into its engagements with this supplier).
 */
export async function listOrganizationClaims(ctx: ServiceContext, actor: Actor, organizationId: string, opts: { includeWithdrawn?: boolean } = {}) {
  authorize(actor, 'organization.read');
  await requireSupplier(ctx, organizationId);
  const db = ctx.handle.db;
  const rows = await listClaims(db, organizationId, opts.includeWithdrawn && actor.organizationId === organizationId);
  const evidenceRows = await listVisibleEvidenceAbout(db, actor.organizationId, organizationId);
  const details = await loadEvidenceDetails(db, evidenceRows.map((e) => e.id));
  const evidence = evidenceRows.map((e) => readinessEvidence(e, details, null, e.created_at));
  const assessed = assessClaims(rows.map(readinessClaim), evidence, {
    now: clock.now(),
    capacityTolerance: DEFAULT_CROSS_BORDER_POLICY.claimTolerance.capacity,
  });
  return rows.map((r) => claimView(r, assessed.find((a) => a.claimId === r.id)));
}

export function claimView(r: ClaimRow, a?: { status: 'unverified' | 'supported' | 'contradicted'; strongestProvenance: string | null; evidenceIds: string[]; supportingEvidenceIds: string[]; contradictingEvidenceIds: string[] }) {
  return {
    id: r.id,
    organizationId: r.organization_id,
    type: r.type as ClaimType,
    title: r.title,
    productLine: r.product_line,
    siteId: r.site_id,
    value: r.value,
    unit: r.unit,
    period: r.period,
    statedLimit: r.stated_limit,
    attributes: JSON.parse(r.attributes) as Record<string, string>,
    documentFileId: r.document_file_id,
    createdAt: r.created_at,
    withdrawnAt: r.withdrawn_at,
    status: a?.status ?? 'unverified',
    strongestProvenance: (a?.strongestProvenance ?? null) as 'self_declared' | 'documented' | 'third_party' | 'observed' | null,
    evidenceIds: a?.evidenceIds ?? [],
    supportingEvidenceIds: a?.supportingEvidenceIds ?? [],
    contradictingEvidenceIds: a?.contradictingEvidenceIds ?? [],
  };
}

export async function createClaim(ctx: ServiceContext, actor: Actor, organizationId: string, input: z.infer<typeof ClaimInput>) {
  if (organizationId !== actor.organizationId) throw notFound('organization');
  authorize(actor, 'profile.manage');
  const db = ctx.handle.db;
  if (input.siteId && !(await findSite(db, actor.organizationId, input.siteId))) throw invalidField('siteId', 'no such site of yours');
  if (input.documentFileId) {
    const f = await findVisibleFile(db, actor.organizationId, input.documentFileId);
    if (!f || f.organization_id !== actor.organizationId) throw invalidField('documentFileId', 'no such file of yours');
  }
  const at = nowIso();
  const row: ClaimRow = {
    id: newId(),
    organization_id: actor.organizationId,
    type: input.type,
    title: input.title,
    product_line: input.productLine ?? null,
    site_id: input.siteId ?? null,
    value: input.value ?? null,
    unit: input.unit ?? null,
    period: input.period ?? null,
    stated_limit: input.statedLimit ?? null,
    attributes: JSON.stringify(input.attributes),
    document_file_id: input.documentFileId ?? null,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    withdrawn_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await insertClaim(trx, row);
    await recordAudit(trx, actor, 'claim.created', 'claim', row.id, { type: row.type, title: row.title });
  });
  return claimView(row);
}

export async function updateOwnClaim(ctx: ServiceContext, actor: Actor, organizationId: string, id: string, patch: z.infer<typeof ClaimPatch>) {
  if (organizationId !== actor.organizationId) throw notFound('claim');
  authorize(actor, 'profile.manage');
  return ctx.handle.db.transaction().execute(async (trx) => {
    const row = await findClaim(trx, actor.organizationId, id);
    if (!row) throw notFound('claim');
    const at = nowIso();
    const next: Partial<ClaimRow> = { updated_at: at };
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.value !== undefined) next.value = patch.value;
    if (patch.statedLimit !== undefined) next.stated_limit = patch.statedLimit;
    if (patch.attributes !== undefined) next.attributes = JSON.stringify(patch.attributes);
    if (patch.withdrawn !== undefined) next.withdrawn_at = patch.withdrawn ? at : null;
    const merged = { ...row, ...next };
    const bounds = claimBoundIssues({
      type: merged.type as ClaimType,
      value: merged.value,
      period: merged.period as ClaimPeriod | null,
      statedLimit: merged.stated_limit,
      attributes: JSON.parse(merged.attributes) as Record<string, string>,
    });
    if (bounds.length) throw invalid(bounds[0].message, bounds.map((b) => ({ path: b.path, message: b.message, code: `claim_${b.code}`, params: b.params })));
    await updateClaim(trx, id, next);
    await recordAudit(trx, actor, 'claim.updated', 'claim', id, { fields: Object.keys(patch) });
    return claimView({ ...row, ...next } as ClaimRow);
  });
}
