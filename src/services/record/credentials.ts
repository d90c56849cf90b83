// Track-record credentials: a buyer attests a supplier's track record after a passing pilot review or the
// partnership decision; the supplier holds it and presents it to other buyers, where it is verified (signature,
// issuer key in the network and not revoked before signing, not revoked, not expired) and becomes third-party
// attestation evidence that the visit advisor and the policy count as a verifiable track record. Conformity
// evidence exports as UNTP Digital Conformity Credentials signed the same way.
import type { z } from 'zod';
import type { IssueConformityInput, IssueTrackRecordInput } from '../../contracts/record.js';
import { nodeRecordCrypto, nodeSha256 } from '../../crypto/node-record-crypto.js';
import { revocationListDocument, signCredential, verifyCredential, type JsonObject, type RevocationStatus } from '../../domain/record/credential.js';
import { conformityDocument, trackRecordDocument, TRACK_RECORD_TYPE } from '../../domain/record/credential-documents.js';
import { engagementStream, organizationStream } from '../../domain/record/entry.js';
import { canonicalize } from '../../domain/record/jcs.js';
import { insertEvidence, insertEvidenceFiles } from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findLogEntriesForRecord, logState } from '../../db/repositories/record-log.js';
import { findKeyByKeyId, listKeysOf } from '../../db/repositories/signing-keys.js';
import { loadEngagement } from '../engagements/access.js';
import { shareEvidenceFiles } from '../engagements/evidence.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { storeGeneratedFile } from '../visits/sharing.js';
import { shareAndLog } from './hooks.js';
import { appendToLog, currentKeyOf } from './log.js';
import { signerOf } from './signers.js';
import * as clock from '../../clock.js';

const crypto = { sha256: nodeSha256 };
const addMonths = (iso: string, months: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
};
const didOf = (keyId: string) => `did:key:${keyId}`;
/** Names of catalogue KPIs as a reader of the credential outside Bonafide needs them. */
const KPI_NAMES: Record<string, string> = { otd: 'On-time delivery', otif: 'On time in full', defect_ppm: 'Defects (ppm)', lot_acceptance: 'Lots accepted', response_time: 'Response time' };

async function org(db: Executor, id: string) {
  return db.selectFrom('organizations').select(['id', 'name', 'country']).where('id', '=', id).executeTakeFirstOrThrow();
}

export type CredentialRow = Awaited<ReturnType<typeof findCredential>>;
function findCredential(db: Executor, id: string) {
  return db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
}

function summaryOf(doc: JsonObject): string {
  const s = doc.credentialSubject as { trackRecord?: { kpis?: { status: string }[]; discrepancies?: { raised: number; closed: number } }; name?: string };
  const tr = s.trackRecord;
  if (tr) {
    const met = (tr.kpis ?? []).filter((k) => k.status === 'met').length;
    return `${met}/${tr.kpis?.length ?? 0} KPIs met; ${tr.discrepancies?.closed ?? 0}/${tr.discrepancies?.raised ?? 0} discrepancies closed`;
  }
  return String(doc.name ?? s.name ?? '');
}

async function credentialView(db: Executor, r: NonNullable<CredentialRow>) {
  const [issuer, subject] = await Promise.all([org(db, r.issuer_organization_id), org(db, r.subject_organization_id)]);
  const doc = JSON.parse(r.document) as JsonObject;
  const issuerDid = typeof doc.issuer === 'object' && doc.issuer ? String((doc.issuer as JsonObject).id) : String(doc.issuer);
  return {
    id: r.id,
    kind: r.kind as 'track_record' | 'conformity',
    issuer: { organizationId: issuer.id, name: issuer.name, did: issuerDid },
    subject: { organizationId: subject.id, name: subject.name },
    engagementId: r.engagement_id,
    source: { kind: r.source_kind, id: r.source_id },
    issuedAt: r.issued_at,
    validUntil: r.valid_until,
    revokedAt: r.revoked_at,
    revocationReason: r.revocation_reason,
    summary: summaryOf(doc),
    document: doc,
  };
}

/** Signs, stores and logs a credential issued by the actor's organization. */
async function issue(
  db: Executor,
  actor: Actor,
  unsigned: (issuerDid: string) => JsonObject,
  row: { id: string; kind: string; subject: string; engagementId: string | null; sourceKind: string; sourceId: string; validUntil: string | null },
) {
  const at = nowIso();
  const key = await currentKeyOf(db, actor.organizationId, at);
  const doc = signCredential(crypto, unsigned(didOf(key.key_id)), signerOf(key), at);
  await db
    .insertInto('credentials')
    .values({
      id: row.id,
      kind: row.kind,
      issuer_organization_id: actor.organizationId,
      subject_organization_id: row.subject,
      engagement_id: row.engagementId,
      source_kind: row.sourceKind,
      source_id: row.sourceId,
      document: JSON.stringify(doc),
      issued_at: at,
      valid_until: row.validUntil,
      revoked_at: null,
      revocation_reason: null,
      issued_by: actor.userId,
    })
    .execute();
  await appendToLog(db, {
    kind: 'credential',
    id: row.id,
    stream: row.engagementId ? engagementStream(row.engagementId) : organizationStream(actor.organizationId),
    engagementId: row.engagementId,
    recordedAt: at,
    organizationId: actor.organizationId,
    content: { credential: doc },
  });
  await recordAudit(db, actor, 'credential.issued', 'credential', row.id, { kind: row.kind, subject: row.subject });
  return (await findCredential(db, row.id))!;
}

/** The buyer attests the supplier's track record after a passing pilot review or the move to partnership. */
export async function issueTrackRecordCredential(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof IssueTrackRecordInput>) {
  authorize(actor, 'engagement.decide');
  const e = await loadEngagement(ctx, actor, engagementId);
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('only the engagement’s buyer attests its supplier’s track record');
  const db = ctx.handle.db;
  let review: { kind: 'pilot_review' | 'partnership_review'; id: string; decision: string; reviewedAt: string; label: string };
  let period: { from: string; until: string };
  let kpis: Parameters<typeof trackRecordDocument>[0]['kpis'] = [];
  let attainment: number | null = null;
  if (input.source.kind === 'pilot_review') {
    const r = await db
      .selectFrom('pilot_reviews')
      .innerJoin('pilots', 'pilots.id', 'pilot_reviews.pilot_id')
      .innerJoin('pilot_evaluation_points', 'pilot_evaluation_points.id', 'pilot_reviews.evaluation_point_id')
      .select(['pilot_reviews.id', 'pilot_reviews.decision', 'pilot_reviews.reviewed_at', 'pilot_reviews.as_of', 'pilot_reviews.snapshot', 'pilots.title', 'pilots.start_date', 'pilot_evaluation_points.kind as point_kind', 'pilot_evaluation_points.label as point_label'])
      .where('pilot_reviews.id', '=', input.source.id)
      .where('pilots.engagement_id', '=', e.id)
      .executeTakeFirst();
    if (!r) throw invalidField('source.id', 'no such pilot review in this engagement');
    if (r.decision === 'stop') throw conflict('the pilot review stopped the pilot: a track record is attested after a passing review', [{ path: 'source.id', message: 'review did not pass', code: 'review_not_passing' }]);
    const snap = JSON.parse(r.snapshot) as { kpis?: { key: string; label: string | null; unit: string; direction: string; target: number; value: number | null; status: string }[]; attainment?: { value: number | null } };
    kpis = (snap.kpis ?? []).map((k) => ({ key: k.key, label: k.label ?? KPI_NAMES[k.key] ?? k.key, unit: k.unit, direction: k.direction, target: k.target, value: k.value, status: k.status }));
    attainment = snap.attainment?.value ?? null;
    review = { kind: 'pilot_review', id: r.id, decision: r.decision, reviewedAt: r.reviewed_at, label: `${r.title}: ${r.point_label ?? r.point_kind.replace(/_/g, ' ')} review, decision “${r.decision}”` };
    period = { from: new Date(`${r.start_date.slice(0, 10)}T00:00:00Z`).toISOString(), until: new Date(`${r.as_of.slice(0, 10)}T00:00:00Z`).toISOString() };
  } else {
    const g = await db.selectFrom('gate_decisions').selectAll().where('id', '=', input.source.id).where('engagement_id', '=', e.id).executeTakeFirst();
    if (!g || g.to_phase !== 'partnership' || g.decision !== 'advance') throw invalidField('source.id', 'no decision in this engagement that opened the partnership');
    review = { kind: 'partnership_review', id: g.id, decision: g.decision, reviewedAt: g.decided_at, label: 'partnership review: advanced to partnership' };
    period = { from: e.created_at, until: g.decided_at };
  }
  const discrepancies = (
    await db.selectFrom('discrepancies').select(['number', 'severity', 'title', 'raised_at', 'closed_at', 'closed_on_time']).where('engagement_id', '=', e.id).where('raised_at', '<=', review.reviewedAt).orderBy('number').execute()
  ).map((d) => ({
    reference: `NCR-${String(d.number).padStart(3, '0')}`,
    severity: d.severity,
    title: d.title,
    raisedAt: d.raised_at,
    closedAt: d.closed_at,
    closedOnTime: d.closed_on_time === null ? null : d.closed_on_time === 1,
  }));
  const leaf = (await findLogEntriesForRecord(db, review.id))[0];
  const { origin } = await logState(db);
  const months = input.validMonths ?? 24;
  const scope = JSON.parse(e.scope) as { products?: string[] };
  return db.transaction().execute(async (trx) => {
    const [buyer, supplier] = await Promise.all([org(trx, e.buyer_organization_id), org(trx, e.supplier_organization_id)]);
    const supplierKey = await currentKeyOf(trx, supplier.id);
    const id = `urn:uuid:${newId()}`;
    const at = nowIso();
    const row = await issue(
      trx,
      actor,
      (issuerDid) =>
        trackRecordDocument({
          id,
          issuer: { did: issuerDid, name: buyer.name, country: buyer.country },
          subject: { did: didOf(supplierKey.key_id), name: supplier.name, country: supplier.country },
          issuedAt: at,
          validUntil: addMonths(at, months),
          engagement: { id: e.id, title: e.title, products: scope.products ?? [] },
          review,
          period,
          kpis,
          attainmentPercent: attainment,
          discrepancies,
          record: { origin, leafIndex: leaf?.leaf_index ?? null },
        }),
      { id, kind: 'track_record', subject: supplier.id, engagementId: e.id, sourceKind: input.source.kind, sourceId: input.source.id, validUntil: addMonths(at, months) },
    );
    return credentialView(trx, row);
  });
}

/** A UNTP Digital Conformity Credential for a certificate or other conformity evidence the actor recorded. */
export async function issueConformityCredential(ctx: ServiceContext, actor: Actor, input: z.infer<typeof IssueConformityInput>) {
  authorize(actor, 'evidence.record');
  const db = ctx.handle.db;
  const ev = await db.selectFrom('evidence').selectAll().where('id', '=', input.evidenceId).where('organization_id', '=', actor.organizationId).executeTakeFirst();
  if (!ev) throw notFound('evidence');
  if (!['certificate', 'audit_report', 'sample_test', 'batch_test_record'].includes(ev.kind)) {
    throw invalidField('evidenceId', 'only certificates, audit reports, sample tests and batch test records are conformity evidence');
  }
  if (ev.valid_to && ev.valid_to < clock.nowIso()) throw conflict('this evidence has expired: a conformity credential would attest what no longer holds', [{ path: 'evidenceId', message: 'expired', code: 'expired' }]);
  const files = await db.selectFrom('evidence_files').innerJoin('files', 'files.id', 'evidence_files.file_id').select(['files.sha256', 'files.filename']).where('evidence_files.evidence_id', '=', ev.id).execute();
  const attrs = JSON.parse(ev.attributes) as Record<string, string>;
  return db.transaction().execute(async (trx) => {
    const subject = await org(trx, ev.subject_organization_id);
    const identifier = await trx.selectFrom('organization_identifiers').select(['scheme', 'value']).where('organization_id', '=', subject.id).executeTakeFirst();
    const id = `urn:uuid:${newId()}`;
    const at = nowIso();
    const issuerOrg = await org(trx, actor.organizationId);
    const validUntil = ev.valid_to ?? (input.validMonths ? addMonths(at, input.validMonths) : null);
    const row = await issue(
      trx,
      actor,
      (did) =>
        conformityDocument({
          id,
          issuer: { did, name: issuerOrg.name },
          issuedAt: at,
          validUntil,
          party: { id: `urn:bonafide:organization:${subject.id}`, name: subject.name, identifier: identifier?.value ?? null },
          evidence: { id: ev.id, kind: ev.kind, provenance: ev.provenance, title: ev.title, description: ev.description, issuer: ev.issuer, issuedAt: ev.issued_at, standard: attrs.standard ?? null, scope: attrs.scope ?? null, files },
        }),
      { id, kind: 'conformity', subject: subject.id, engagementId: null, sourceKind: 'evidence', sourceId: ev.id, validUntil },
    );
    return credentialView(trx, row);
  });
}

/** Credentials the organization issued or holds (it is their subject). */
export async function listCredentials(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'organization.read');
  const rows = await ctx.handle.db
    .selectFrom('credentials')
    .selectAll()
    .where((eb) => eb.or([eb('issuer_organization_id', '=', actor.organizationId), eb('subject_organization_id', '=', actor.organizationId)]))
    .orderBy('issued_at', 'desc')
    .execute();
  return Promise.all(rows.map((r) => credentialView(ctx.handle.db, r)));
}

export async function getCredential(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'organization.read');
  const r = await findCredential(ctx.handle.db, id);
  if (!r || (r.issuer_organization_id !== actor.organizationId && r.subject_organization_id !== actor.organizationId)) throw notFound('credential');
  return credentialView(ctx.handle.db, r);
}

export async function revokeCredential(ctx: ServiceContext, actor: Actor, id: string, reason: string) {
  authorize(actor, 'evidence.record');
  return ctx.handle.db.transaction().execute(async (trx) => {
    const r = await findCredential(trx, id);
    if (!r || r.issuer_organization_id !== actor.organizationId) {
      if (r && r.subject_organization_id === actor.organizationId) throw forbidden('only the issuer revokes a credential');
      throw notFound('credential');
    }
    if (r.revoked_at) throw conflict('this credential is already revoked');
    const at = nowIso();
    await trx.updateTable('credentials').set({ revoked_at: at, revocation_reason: reason }).where('id', '=', id).execute();
    await appendToLog(trx, {
      kind: 'credential_revocation',
      id: `${id}#revocation`,
      stream: r.engagement_id ? engagementStream(r.engagement_id) : organizationStream(actor.organizationId),
      engagementId: r.engagement_id,
      recordedAt: at,
      organizationId: actor.organizationId,
      content: { credentialId: id, revokedAt: at, reason },
    });
    await recordAudit(trx, actor, 'credential.revoked', 'credential', id, { reason });
    return credentialView(trx, (await findCredential(trx, id))!);
  });
}

/** The issuer's signed list of revoked credentials, for verifiers offline (`credential verify --revocations`). */
export async function revocationList(ctx: ServiceContext, issuerDid: string) {
  const keyId = issuerDid.replace(/^did:key:/, '');
  const key = await findKeyByKeyId(ctx.handle.db, keyId);
  if (!key || !key.organization_id) throw notFound('issuer');
  if (key.revocation_reason === 'compromised') throw conflict('this issuer key was revoked as compromised: lists it signs would not be trusted');
  const issued = await ctx.handle.db.selectFrom('credentials').select(['id', 'document', 'revoked_at', 'revocation_reason']).where('issuer_organization_id', '=', key.organization_id).where('revoked_at', 'is not', null).execute();
  const revoked = issued
    .filter((c) => (JSON.parse(c.document) as { issuer: { id: string } }).issuer.id === issuerDid)
    .map((c) => ({ id: c.id, revokedAt: c.revoked_at!, reason: c.revocation_reason ?? '' }));
  const at = nowIso();
  return signCredential(crypto, revocationListDocument(issuerDid, at, revoked), signerOf(key), at);
}

// --- presenting to another buyer ------------------------------------------------------------------------------

export interface CredentialStanding {
  valid: boolean;
  issuer: string | null;
  issuerName: string | null;
  issuerOrganizationId: string | null;
  checked: string[];
  errors: { code: string; message: string }[];
}

/**
 * Verifies a credential against the shared network: the proof, an issuer key published in the directory and not
 * revoked before the credential was signed, the issuer's revocation record, and the validity period at `now`.
 */
export async function credentialStanding(db: Executor, doc: unknown, now: Date): Promise<CredentialStanding> {
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as JsonObject;
  const issued = typeof d.id === 'string' ? await findCredential(db, d.id) : undefined;
  let status: RevocationStatus = { checked: false };
  const issuerDid = typeof d.issuer === 'string' ? d.issuer : typeof d.issuer === 'object' && d.issuer ? String((d.issuer as JsonObject).id) : '';
  const key = issuerDid.startsWith('did:key:') ? await findKeyByKeyId(db, issuerDid.slice('did:key:'.length)) : undefined;
  if (key?.organization_id) {
    // The network keeps every credential its organizations issue: one it does not know was not issued here.
    status = issued?.revoked_at ? { checked: true, revoked: true, revokedAt: issued.revoked_at, reason: issued.revocation_reason ?? '' } : { checked: true, revoked: false };
  }
  const check = verifyCredential(nodeRecordCrypto, doc, now, status);
  const errors = [...check.errors];
  const checked = [...check.checked];
  let issuerName: string | null = null;
  if (issuerDid.startsWith('did:key:')) {
    checked.push('issuer in the network');
    if (!key?.organization_id) errors.push({ code: 'issuer_unknown', message: 'the issuer’s key is not published by any organization of this network' });
    else {
      issuerName = (await org(db, key.organization_id)).name;
      const created = (d.proof as JsonObject | undefined)?.created;
      if (key.revoked_at && typeof created === 'string' && created >= key.revoked_at) {
        errors.push({ code: 'issuer_key_revoked', message: `the issuer’s key was revoked at ${key.revoked_at}, before the credential was signed` });
      }
      if (!issued && check.errors.length === 0) errors.push({ code: 'not_issued_here', message: 'the issuer has no record of issuing this credential' });
    }
  }
  return { valid: errors.length === 0, issuer: check.issuer, issuerName, issuerOrganizationId: key?.organization_id ?? null, checked, errors };
}

/** The supplier presents a credential it holds to the buyer of one of its engagements. */
export async function presentCredential(ctx: ServiceContext, actor: Actor, engagementId: string, doc: JsonObject) {
  authorize(actor, 'engagement.contribute');
  const e = await loadEngagement(ctx, actor, engagementId);
  if (e.supplier_organization_id !== actor.organizationId) throw forbidden('the supplier presents its own track record');
  const db = ctx.handle.db;
  const standing = await credentialStanding(db, doc, clock.now());
  const subjectId = String((doc.credentialSubject as JsonObject | undefined)?.id ?? '');
  const ownKeys = await listKeysOf(db, [actor.organizationId]);
  const errors = [...standing.errors];
  if (!ownKeys.some((k) => didOf(k.key_id) === subjectId)) errors.push({ code: 'not_your_credential', message: 'the credential is about another organization' });
  if (standing.issuerOrganizationId === e.buyer_organization_id) errors.push({ code: 'same_buyer', message: 'this buyer issued the credential itself: present it to other buyers' });
  if (errors.length) {
    throw new AppError(422, 'credential_invalid', `the credential does not verify: ${errors.map((x) => x.message).join('; ')}`, errors.map((x) => ({ path: 'credential', message: x.message, code: x.code })));
  }
  const credentialId = String(doc.id);
  const already = await db.selectFrom('presented_credentials').select('id').where('engagement_id', '=', e.id).where('credential_id', '=', credentialId).executeTakeFirst();
  if (already) throw conflict('this credential was presented in this engagement already', [{ path: 'credential', message: 'already presented', code: 'already_presented' }]);
  const bytes = Buffer.from(JSON.stringify(doc, null, 2));
  const types = Array.isArray(doc.type) ? (doc.type as string[]) : [];
  return db.transaction().execute(async (trx) => {
    const file = await storeGeneratedFile(ctx, trx, actor, bytes, `credential-${credentialId.replace(/^urn:uuid:/, '').slice(0, 8)}.json`, 'application/json');
    const evidenceId = newId();
    const at = nowIso();
    const tr = (doc.credentialSubject as { trackRecord?: { scope?: { engagement?: unknown }; period?: { from?: unknown; until?: unknown } } }).trackRecord;
    const title = presentedTitle(types.includes(TRACK_RECORD_TYPE) && tr ? tr : null, standing.issuerName ?? standing.issuer ?? '?');
    await insertEvidence(trx, {
      id: evidenceId,
      organization_id: actor.organizationId,
      subject_organization_id: actor.organizationId,
      kind: 'attestation',
      // Third party: the issuing buyer, whose signature and key were verified just now.
      provenance: 'third_party',
      title: title.text.slice(0, 300),
      title_key: title.key,
      title_params: JSON.stringify(title.params),
      // The document's description is a sentence in the issuer's language; the signed document itself is the
      // evidence's file, and the title (worded in the reader's language) carries its facts.
      description: null,
      issuer: standing.issuerName,
      issued_at: typeof doc.validFrom === 'string' ? new Date(doc.validFrom).toISOString() : at,
      valid_from: typeof doc.validFrom === 'string' ? new Date(doc.validFrom).toISOString() : null,
      valid_to: typeof doc.validUntil === 'string' ? new Date(doc.validUntil).toISOString() : null,
      attributes: JSON.stringify({ credentialId, issuerDid: standing.issuer ?? '', verifiable: 'eddsa-jcs-2022', ...(tr ? { trackRecord: 'yes' } : {}) }),
      recorded_by: actor.userId,
      created_at: at,
    });
    await insertEvidenceFiles(trx, evidenceId, [file.id]);
    await shareAndLog(trx, { engagement_id: e.id, evidence_id: evidenceId, shared_by_organization_id: actor.organizationId, shared_by: actor.userId, shared_at: at });
    await shareEvidenceFiles(trx, actor, evidenceId, [e.buyer_organization_id]);
    const id = newId();
    await trx
      .insertInto('presented_credentials')
      .values({ id, engagement_id: e.id, credential_id: credentialId, issuer: standing.issuer ?? '', document: canonicalize(doc), evidence_id: evidenceId, presented_by: actor.userId, presented_by_organization_id: actor.organizationId, presented_at: at })
      .execute();
    await recordAudit(trx, actor, 'credential.presented', 'engagement', e.id, { credentialId, evidenceId });
    return { id, engagementId: e.id, credentialId, evidenceId, presentedAt: at, summary: summaryOf(doc), document: doc, check: standingView(standing) };
  });
}

/** The presented credential's evidence title: English for the API and exports, a code and params for the web. */
function presentedTitle(
  tr: { scope?: { engagement?: unknown }; period?: { from?: unknown; until?: unknown } } | null,
  issuer: string,
): { text: string; key: string; params: Record<string, string> } {
  const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
  const engagement = typeof tr?.scope?.engagement === 'string' ? tr.scope.engagement : null;
  const from = day(tr?.period?.from);
  const to = day(tr?.period?.until);
  if (!tr || !engagement || !from || !to) return { text: `Verifiable credential from ${issuer}`, key: 'verifiable_credential', params: { issuer } };
  return {
    text: `Track-record credential from ${issuer}: “${engagement}”, ${from} – ${to}`,
    key: 'track_record_credential',
    params: { issuer, engagement, from, to },
  };
}

const standingView = (s: CredentialStanding) => ({ valid: s.valid, issuer: s.issuer, issuerName: s.issuerName, checked: s.checked, errors: s.errors });

/** Credentials presented in an engagement, each verified again now (a revocation shows at once). */
export async function listPresentedCredentials(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  const rows = await ctx.handle.db.selectFrom('presented_credentials').selectAll().where('engagement_id', '=', e.id).orderBy('presented_at').execute();
  const now = clock.now();
  return Promise.all(
    rows.map(async (r) => {
      const doc = JSON.parse(r.document) as JsonObject;
      return { id: r.id, engagementId: r.engagement_id, credentialId: r.credential_id, evidenceId: r.evidence_id, presentedAt: r.presented_at, summary: summaryOf(doc), document: doc, check: standingView(await credentialStanding(ctx.handle.db, doc, now)) };
    }),
  );
}

/**
 * How each presented credential among the evidence shared into an engagement (not withdrawn) stands now, by
 * evidence id: valid ones count as a verifiable track record, the others (revoked, expired, issuer key revoked)
 * must not count at all. Found by a join on the engagement, not by a list of (possibly ten thousand) evidence ids.
 */
export async function engagementCredentialStanding(db: Executor, engagementId: string, now: Date): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  const rows = await db
    .selectFrom('engagement_evidence')
    .innerJoin('presented_credentials', 'presented_credentials.evidence_id', 'engagement_evidence.evidence_id')
    .select(['presented_credentials.evidence_id', 'presented_credentials.document'])
    .where('engagement_evidence.engagement_id', '=', engagementId)
    .where('engagement_evidence.withdrawn_at', 'is', null)
    .execute();
  for (const r of rows) out.set(r.evidence_id, (await credentialStanding(db, JSON.parse(r.document), now)).valid);
  return out;
}

