import * as clock from '../../clock.js';
import type { z } from 'zod';
import type { EvidenceInput } from '../../contracts/engagements.js';
import {
  findOwnEvidence,
  insertEvidenceFiles,
  insertEvidenceLinks,
  insertEvidenceRows,
  listOwnEvidence,
  listVisibleEvidenceAbout,
  type EvidenceLinkRow,
  type EvidenceRow,
} from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findVisibleFile, shareFile } from '../../db/repositories/files.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findClaimsByIds } from '../../db/repositories/profile.js';
import { findUserById } from '../../db/repositories/users.js';
import { checkProvenance } from '../../domain/evidence/provenance-rules.js';
import { recordAudit, recordAudits } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { invalidField, notFound } from '../shared/errors.js';
import { evidenceView, loadEvidenceDetails } from './evidence-mapping.js';
import { newId, nowIso } from '../shared/ids.js';
import { logEvidence } from '../record/contents.js';

/**
 * Dates are stored as ISO date-times in UTC whoever calls: the HTTP contract converts them, but the demo, the CLI
 * and other services pass plain dates ("2026-10-16") too.
 */
export function toIsoDateTime(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00.000Z` : v);
  if (Number.isNaN(d.getTime())) throw invalidField('date', `not a date: ${v}`);
  return d.toISOString();
}

/** Records one evidence item (with its files and claim links) inside the caller's transaction. */
export async function insertEvidenceRecord(
  trx: Executor,
  actor: Actor,
  input: z.infer<typeof EvidenceInput>,
  subjectOrganizationId: string,
  /** A title the system wrote: its code and parameters, worded by the web app in the reader's language. */
  generated?: { key: string; params: Record<string, string | number | null> },
): Promise<EvidenceRow> {
  return (await insertEvidenceRecords(trx, actor, [{ input, ...(generated ? { generated } : {}) }], subjectOrganizationId))[0]!;
}

/** Records evidence items about one organization, in order, with a few multi-row INSERTs (an import's lots). */
export async function insertEvidenceRecords(
  trx: Executor,
  actor: Actor,
  items: readonly { input: z.infer<typeof EvidenceInput>; generated?: { key: string; params: Record<string, string | number | null> } }[],
  subjectOrganizationId: string,
): Promise<EvidenceRow[]> {
  const rows: EvidenceRow[] = [];
  const links: EvidenceLinkRow[] = [];
  const claims = await findClaimsByIds(trx, [...new Set(items.flatMap((it) => it.input.links.map((l) => l.claimId)))]);
  for (const { input, generated } of items) {
    const check = checkProvenance({
      recorderKind: actor.organizationKind,
      kind: input.kind,
      provenance: input.provenance,
      hasAttachment: input.fileIds.length > 0,
      hasIssuer: Boolean(input.issuer),
      aboutItself: subjectOrganizationId === actor.organizationId,
    });
    if (!check.ok) throw invalidField(check.field!, check.reason!);
    for (const [i, fileId] of input.fileIds.entries()) {
      const f = await findVisibleFile(trx, actor.organizationId, fileId);
      if (!f || f.organization_id !== actor.organizationId) throw invalidField(`fileIds.${i}`, 'no such file of yours (upload it first)');
    }
    for (const [i, l] of input.links.entries()) {
      const c = claims.find((x) => x.id === l.claimId);
      if (!c || c.organization_id !== subjectOrganizationId) throw invalidField(`links.${i}.claimId`, 'no such claim of the organization this evidence is about');
    }
    const row: EvidenceRow = {
      id: newId(),
      organization_id: actor.organizationId,
      subject_organization_id: subjectOrganizationId,
      kind: input.kind,
      provenance: input.provenance,
      title: input.title,
      description: input.description ?? null,
      issuer: input.issuer ?? null,
      issued_at: toIsoDateTime(input.issuedAt),
      valid_from: toIsoDateTime(input.validFrom),
      valid_to: toIsoDateTime(input.validTo),
      attributes: JSON.stringify(input.attributes),
      recorded_by: actor.userId,
      created_at: nowIso(),
      ...(generated ? { title_key: generated.key, title_params: JSON.stringify(generated.params) } : {}),
    };
    rows.push(row);
    for (const l of input.links) links.push({ evidence_id: row.id, claim_id: l.claimId, effect: l.effect, observed_value: l.observedValue ?? null, note: l.note ?? null });
  }
  await insertEvidenceRows(trx, rows);
  for (const [k, { input }] of items.entries()) await insertEvidenceFiles(trx, rows[k]!.id, input.fileIds);
  await insertEvidenceLinks(trx, links);
  await recordAudits(
    trx,
    actor,
    rows.map((row) => ({ action: 'evidence.recorded', entityType: 'evidence', entityId: row.id, details: { kind: row.kind, provenance: row.provenance, title: row.title } })),
  );
  return rows;
}

/** Attachments travel with evidence: whoever the evidence is shared with may download its files. */
export async function shareEvidenceFiles(trx: Executor, actor: Actor, evidenceId: string, withOrganizationIds: string[]) {
  const d = await loadEvidenceDetails(trx, [evidenceId]);
  for (const f of d.files.get(evidenceId) ?? []) {
    for (const org of withOrganizationIds) {
      if (org !== f.organizationId) await shareFile(trx, { file_id: f.id, organization_id: org, shared_by: actor.userId, shared_at: nowIso() });
    }
  }
}

export async function recordOwnEvidence(ctx: ServiceContext, actor: Actor, input: z.infer<typeof EvidenceInput>) {
  authorize(actor, 'evidence.record');
  const subject = input.subjectOrganizationId ?? actor.organizationId;
  // Evidence about another organization is recorded inside an engagement with it (so the other side sees it).
  if (subject !== actor.organizationId) throw invalidField('subjectOrganizationId', 'record evidence about another organization inside your engagement with it');
  const row = await ctx.handle.db.transaction().execute(async (trx) => {
    const r = await insertEvidenceRecord(trx, actor, input, subject);
    // Library evidence is logged in its recorder's stream; sharing it into an engagement logs it there too.
    await logEvidence(trx, r.id, null);
    return r;
  });
  return (await viewsOf(ctx.handle.db, [row], new Map()))[0];
}

export async function listOwnEvidenceLibrary(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'engagement.read');
  const rows = await listOwnEvidence(ctx.handle.db, actor.organizationId);
  return viewsOf(ctx.handle.db, rows, new Map());
}

/**
 * Evidence about an organization that the caller may see, in one list: its own records about it and what was
 * shared into the caller's engagements (withdrawn sharing excluded). Another tenant's unshared evidence never
 * shows; an organization that does not exist answers 404, one with nothing visible an empty list.
 */
export async function listEvidenceAbout(ctx: ServiceContext, actor: Actor, organizationId: string) {
  authorize(actor, 'organization.read');
  if (!(await findOrganization(ctx.handle.db, organizationId))) throw notFound('organization');
  const rows = await listVisibleEvidenceAbout(ctx.handle.db, actor.organizationId, organizationId);
  rows.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
  return viewsOf(ctx.handle.db, rows, new Map());
}

export async function getOwnEvidence(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'engagement.read');
  const row = await findOwnEvidence(ctx.handle.db, actor.organizationId, id);
  if (!row) throw notFound('evidence');
  return (await viewsOf(ctx.handle.db, [row], new Map()))[0];
}

export async function viewsOf(db: Executor, rows: EvidenceRow[], sharedAt: Map<string, string>) {
  const d = await loadEvidenceDetails(db, rows.map((r) => r.id));
  const orgNames = new Map<string, string>();
  const userNames = new Map<string, string>();
  for (const r of rows) {
    for (const org of [r.organization_id, r.subject_organization_id]) if (!orgNames.has(org)) orgNames.set(org, (await findOrganization(db, org))?.name ?? '');
    if (!userNames.has(r.recorded_by)) userNames.set(r.recorded_by, (await findUserById(db, r.recorded_by))?.display_name ?? '');
  }
  const now = clock.now();
  return rows.map((r) => evidenceView(r, d, orgNames.get(r.organization_id)!, userNames.get(r.recorded_by)!, sharedAt.get(r.id) ?? null, now, orgNames.get(r.subject_organization_id)));
}
