// Closing a visit (outcome, the lead's summary; findings become engagement evidence with their follow-up), the
// supplier's assessment of the buyer, the PDF report, and sign-offs (who, when, SHA-256 of the report as signed).
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import {
  RECORDING_STATUSES,
  type ChecklistTemplate,
  type CloseVisitInput,
  type SignOffInput,
  type SincerityInput,
  type VisitOutcome,
  type VisitSide,
  type VisitStatus,
  type VisitType,
} from '../../contracts/visits.js';
import { insertEvidenceFiles } from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findClaimsByIds } from '../../db/repositories/profile.js';
import { findUserById } from '../../db/repositories/users.js';
import {
  findChecklistTemplateById,
  findSincerity,
  insertSignOff,
  listAnswers,
  listAttachments,
  listCapacityObservations,
  listChecklistTemplatesFor,
  listFindings,
  listParticipantOrgs,
  listSignOffs,
  saveSincerity as saveSincerityRow,
  updateFinding,
  updateVisit,
  type VisitAccess,
} from '../../db/repositories/visits.js';
import type { ClaimRow } from '../../db/repositories/profile.js';
import { formatNumber } from '../../domain/capacity/types.js';
import type { OrganizationKind } from '../../domain/model.js';
import type { ReadinessEvidence } from '../../domain/readiness/index.js';
import { checkOutcome, visitProvenance } from '../../domain/visits/outcome.js';
import { sincerityBreakdown, validateSincerityScores, type SincerityScore } from '../../domain/visits/sincerity.js';
import { formatZoned, formatZonedRange } from '../../domain/visits/time.js';
import { questionsOf } from '../../domain/visits/templates.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, forbidden, invalid, invalidField } from '../shared/errors.js';
import { insertEvidenceRecord, shareEvidenceFiles } from '../engagements/evidence.js';
import { isOpen } from '../engagements/access.js';
import { newId, nowIso, sha256Hex } from '../shared/ids.js';
import { renderVisitReportPdf, type VisitReportData } from './report-pdf.js';
import { claimChecks, signOffViews, sincerityView, type FollowUpStored } from './detail.js';
import { getVisit } from './planning.js';
import { loadVisit, moveVisit } from './access.js';
import { shareFileWithOrgs, storeGeneratedFile, visitOrganizations } from './sharing.js';
import { VISIT_TYPE_LABELS } from './views.js';
import { templateDocument } from './templates.js';
import { shareAndLog } from '../record/hooks.js';
import { logSignOff, logVisitOutcome } from '../record/contents.js';

export const OUTCOME_LABELS: Record<VisitOutcome, string> = {
  satisfactory: 'Satisfactory',
  satisfactory_with_actions: 'Satisfactory with actions',
  unsatisfactory: 'Unsatisfactory',
};

/** Whose eyes a report is rendered for: a side of the visit, or what both engagement parties may see. */
export type ReportViewer = VisitSide | 'engagement';

// ---------------------------------------------------------------------------------------------------------------
// The report

async function readAll(stream: Readable, limit = 15 * 1024 * 1024): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    size += (c as Buffer).length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function answerText(q: ChecklistTemplate['sections'][number]['questions'][number], value: unknown, notApplicable: boolean, photos: number): string {
  if (notApplicable) return 'Not applicable';
  if (q.type === 'photo') return photos ? `${photos} photo${photos === 1 ? '' : 's'} (see Photos)` : '—';
  if (value === null || value === undefined) return '—';
  switch (q.type) {
    case 'yes_no':
      return value ? 'Yes' : 'No';
    case 'score': {
      const n = value as number;
      const anchor = q.scale.anchors.find((a) => a.value === n);
      return `${n} / ${q.scale.max}${anchor ? ` — ${anchor.label.en}` : ''}`;
    }
    case 'number':
      return `${formatNumber(value as number)} ${q.unit}`;
    default:
      return String(value);
  }
}

function claimedText(c: Pick<ClaimRow, 'value' | 'unit' | 'period' | 'type'>): string {
  if (c.value == null) return '—';
  return `${formatNumber(c.value)}${c.unit ? ` ${c.unit}` : ''}${c.period ? ` per ${c.period}` : ''}`;
}

/** The report data as `viewer` may see it; photos are read from the file store. */
export async function reportData(ctx: ServiceContext, db: Executor, a: VisitAccess, viewer: ReportViewer, viewerName: string): Promise<VisitReportData> {
  const v = a.visit;
  const tz = v.time_zone;
  const checklistVisible = viewer === 'buyer' || viewer === 'auditor' || v.checklist_shared === 1;
  const template = templateDocument((await findChecklistTemplateById(db, v.template_id))!);
  const [buyer, supplier, auditors, site, lead] = await Promise.all([
    findOrganization(db, a.engagement.buyer_organization_id),
    findOrganization(db, a.engagement.supplier_organization_id),
    listParticipantOrgs(db, [v.id]),
    db.selectFrom('sites').selectAll().where('id', '=', v.site_id).executeTakeFirstOrThrow(),
    v.lead_user_id ? findUserById(db, v.lead_user_id) : Promise.resolve(undefined),
  ]);
  const findings = await listFindings(db, [v.id]);
  const claimRows = await findClaimsByIds(db, [...new Set(findings.flatMap((f) => (f.claim_id ? [f.claim_id] : [])))]);
  const capacity = await listCapacityObservations(db, [v.id]);
  const attachments = (await listAttachments(db, v.id)).filter((att) => att.finding_id !== null || checklistVisible);
  const answers = checklistVisible ? await listAnswers(db, v.id) : [];
  const photosByQuestion = new Map<string, number>();
  for (const att of attachments) if (att.question_id) photosByQuestion.set(att.question_id, (photosByQuestion.get(att.question_id) ?? 0) + 1);
  const findingNo = new Map(findings.map((f, i) => [f.id, i + 1]));
  const questionText = new Map(questionsOf(template).map(({ question }) => [question.id, question.text.en]));

  const photos: VisitReportData['photos'] = [];
  for (const att of attachments.filter((x) => x.media_type.startsWith('image/')).slice(0, 60)) {
    const embeddable = att.media_type === 'image/jpeg' || att.media_type === 'image/png';
    const bytes = embeddable ? await readAll(await ctx.store.get(att.sha256)).catch(() => null) : null;
    const label = att.finding_id ? `Finding ${findingNo.get(att.finding_id) ?? ''}` : att.question_id ? (questionText.get(att.question_id) ?? att.question_id) : 'Photo';
    photos.push({ label, caption: att.caption, mediaType: att.media_type, bytes });
  }

  const sincerityRow = await findSincerity(db, v.id);
  // The assessment is about the buyer, not evidence about the supplier: never in the copy shared as evidence.
  const sincerityVisible = sincerityRow && (viewer === 'supplier' || (viewer === 'buyer' && sincerityRow.shared === 1));
  let sincerity: VisitReportData['sincerity'] = null;
  if (sincerityVisible) {
    const s = (await sincerityView(db, v.id))!;
    sincerity = {
      index: s.breakdown.index,
      band: s.breakdown.band,
      dimensions: s.breakdown.dimensions.map((d) => ({ title: d.title.en, score: d.score, max: d.max, note: d.note })),
      comment: s.comment,
      shared: s.shared,
    };
  }

  const signOffs = await listSignOffs(db, v.id);
  const signers: { side: VisitSide; id: string; name: string }[] = [
    { side: 'buyer', id: buyer!.id, name: buyer!.name },
    { side: 'supplier', id: supplier!.id, name: supplier!.name },
    ...auditors.map((p) => ({ side: 'auditor' as const, id: p.organization_id, name: p.organization_name })),
  ];
  for (const s of signOffs) if (!signers.some((x) => x.id === s.organization_id)) signers.push({ side: s.side as VisitSide, id: s.organization_id, name: s.organization_name });

  const agenda = (JSON.parse(v.agenda) as { date?: string; time?: string; topic: string; durationMinutes?: number }[]).map(
    (x) => `${[x.date, x.time].filter(Boolean).join(' ')}${x.date || x.time ? '  ' : ''}${x.topic}${x.durationMinutes ? ` (${x.durationMinutes} min)` : ''}`,
  );
  // While a visit closes, its findings are about to become evidence: the report counts them already.
  const pending: ReadinessEvidence[] =
    v.status === 'closed'
      ? findings
          .filter((f) => !f.evidence_id && f.claim_id)
          .map((f) => ({
            id: `finding:${f.id}`,
            kind: 'visit_observation',
            provenance: visitProvenance(v.type as VisitType, f.organization_id === a.engagement.buyer_organization_id ? 'buyer' : 'auditor'),
            title: f.text,
            sharedAt: new Date(v.closed_at ?? v.updated_at),
            links: [{ claimId: f.claim_id!, effect: (f.claim_effect ?? 'contradicts') as 'contradicts' }],
          }))
      : [];
  const claims = await claimChecks(db, a, pending);
  const label = (side: string) => side[0].toUpperCase() + side.slice(1);
  return {
    title: v.title,
    typeLabel: VISIT_TYPE_LABELS[v.type as VisitType],
    engagementTitle: a.engagement.title,
    status: v.status,
    draft: v.status !== 'closed',
    parties: [
      { role: 'Buyer', name: buyer!.name, country: buyer!.country },
      { role: 'Supplier', name: supplier!.name, country: supplier!.country },
      ...auditors.map((p) => ({ role: 'Auditor', name: p.organization_name, country: p.organization_country })),
    ],
    site: { name: site.name, address: site.address, timeZone: tz },
    planned: formatZonedRange(v.planned_start, v.planned_end, tz),
    closedAt: v.closed_at ? formatZoned(v.closed_at, tz) : null,
    lead: lead ? lead.display_name : null,
    participants: JSON.parse(v.participants),
    agenda,
    outcome: v.outcome ? OUTCOME_LABELS[v.outcome as VisitOutcome] : null,
    summary: v.summary,
    claims: claims.map((c) => ({ title: `${c.title}${c.productLine ? ` (${c.productLine})` : ''}`, claimed: claimedText(c), status: c.status, provenance: c.strongestProvenance })),
    capacity: capacity.map((c) => ({
      claim: `${c.claim_title}${c.claim_product_line ? ` — ${c.claim_product_line}` : ''}`,
      formula: c.formula,
      explanation: c.explanation,
      status: c.status,
      provenance: c.provenance,
      recordedBy: c.recorded_by_name,
      at: formatZoned(c.created_at, tz, false),
    })),
    findings: findings.map((f) => {
      const fu = f.follow_up ? (JSON.parse(f.follow_up) as FollowUpStored) : null;
      const claim = f.claim_id ? claimRows.find((c) => c.id === f.claim_id) : undefined;
      return {
        n: findingNo.get(f.id)!,
        severity: f.severity,
        text: f.text,
        claim: claim ? `${f.claim_effect === 'supports' ? 'Supports' : 'Contradicts'}: ${claim.title}` : null,
        followUp: fu ? `${fu.owner} (${fu.ownerSide}), due ${fu.dueDate}, ${fu.status.replace(/_/g, ' ')}${fu.note ? ` — ${fu.note}` : ''}` : null,
        recordedBy: f.recorded_by_name,
      };
    }),
    checklist: checklistVisible
      ? template.sections.map((s) => ({
          title: s.title.en,
          titleZh: s.title.zh,
          rows: s.questions.map((q) => {
            const ans = answers.find((x) => x.question_id === q.id);
            return {
              question: q.text.en,
              answer: answerText(q, ans ? JSON.parse(ans.value) : null, ans?.not_applicable === 1, photosByQuestion.get(q.id) ?? 0),
              note: ans?.note ?? null,
            };
          }),
        }))
      : null,
    photos,
    sincerity,
    signOffs: signers.map((s) => {
      const so = signOffs.find((x) => x.organization_id === s.id);
      return {
        side: label(s.side),
        organization: s.name,
        signed: so ? { person: so.signed_by_name, at: utcText(so.signed_at), sha256: so.sha256, statement: so.statement } : null,
      };
    }),
    viewer: viewer === 'engagement' ? 'shared with both parties' : `copy for ${viewerName}`,
    creationDate: new Date(v.closed_at ?? v.updated_at),
  };
}

export function reportFilename(a: VisitAccess): string {
  const slug = a.visit.title.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);
  return `visit-report-${a.visit.planned_start.slice(0, 10)}-${slug || 'visit'}.pdf`;
}

async function renderFor(ctx: ServiceContext, db: Executor, a: VisitAccess, viewer: ReportViewer, viewerOrganizationId: string) {
  const name = (await findOrganization(db, viewerOrganizationId))?.name ?? '';
  return renderVisitReportPdf(await reportData(ctx, db, a, viewer, name));
}

/** The report PDF as the caller's side may see it (a draft until the visit closes). */
export async function visitReport(ctx: ServiceContext, actor: Actor, visitId: string) {
  const a = await loadVisit(ctx.handle.db, actor, visitId);
  const bytes = await renderFor(ctx, ctx.handle.db, a, a.side, actor.organizationId);
  return { bytes, sha256: sha256Hex(bytes), filename: reportFilename(a) };
}

// ---------------------------------------------------------------------------------------------------------------
// Closing

/** `closedAt` lets the demo place a visit in the past; the API always closes now. */
export async function closeVisit(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof CloseVisitInput>, closedAt?: string) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.close');
    if (a.side === 'supplier') throw forbidden('the visiting side closes the visit');
    if (a.side === 'auditor' && a.visit.type !== 'third_party_audit') throw forbidden('the buyer closes its visit; an invited auditor closes a third-party audit');
    if (!RECORDING_STATUSES.includes(a.visit.status as VisitStatus)) throw conflict(`the visit is ${a.visit.status}: only a confirmed or ongoing visit closes`, [{ path: 'status', message: `visit is ${a.visit.status}` }]);
    if (!isOpen(a.engagement.phase)) throw conflict(`the engagement is ${a.engagement.phase}`);
    // Closing turns what was seen into observed evidence: a visit still ahead with nothing recorded has not been seen.
    if (a.visit.status === 'confirmed' && Date.parse(a.visit.planned_start) > Date.parse(closedAt ?? nowIso())) {
      throw conflict(`the visit starts ${a.visit.planned_start}: close it once it has taken place (or record what was seen first)`, [
        { path: 'status', message: 'visit not started' },
      ]);
    }
    const findings = await listFindings(trx, [visitId]);
    const problem = checkOutcome(input.outcome, findings.map((f) => ({ severity: f.severity as 'major', hasFollowUp: f.follow_up !== null })));
    if (problem) throw invalidField(problem.path, problem.message);

    const at = closedAt ?? nowIso();
    await moveVisit(trx, a.visit, { status: 'closed', outcome: input.outcome, summary: input.summary, closed_at: at, closed_by: actor.userId, updated_at: at });
    await logVisitOutcome(trx, visitId, actor.organizationId);

    // The report both parties may see travels with the evidence; one copy per organization that records evidence.
    const pdf = await renderFor(ctx, trx, a, 'engagement', actor.organizationId);
    const filename = reportFilename(a);
    const reportFiles = new Map<string, string>();
    const reportFileOf = async (organizationId: string, userId: string) => {
      if (!reportFiles.has(organizationId)) reportFiles.set(organizationId, (await storeGeneratedFile(ctx, trx, { organizationId, userId }, pdf, filename, 'application/pdf')).id);
      return reportFiles.get(organizationId)!;
    };
    const orgs = await visitOrganizations(trx, a);
    const parties = [orgs.buyer, orgs.supplier, ...orgs.auditors];
    const type = a.visit.type as VisitType;
    const site = (await trx.selectFrom('sites').select('name').where('id', '=', a.visit.site_id).executeTakeFirstOrThrow()).name;
    const attachments = await listAttachments(trx, visitId);
    const orgName = async (id: string) => (await findOrganization(trx, id))?.name ?? null;
    const evidenceIds: string[] = [];

    const share = async (recorder: Actor, evidenceId: string) => {
      await shareAndLog(trx, { engagement_id: a.engagement.id, evidence_id: evidenceId, shared_by_organization_id: recorder.organizationId, shared_by: actor.userId, shared_at: at });
      await shareEvidenceFiles(trx, recorder, evidenceId, parties);
      evidenceIds.push(evidenceId);
    };

    // Findings become evidence in the engagement, recorded by the side that saw them, with their follow-up.
    for (const f of findings) {
      if (f.evidence_id) continue;
      const side: VisitSide = f.organization_id === orgs.buyer ? 'buyer' : 'auditor';
      const recorder: Actor = { userId: f.recorded_by, organizationId: f.organization_id, organizationKind: side as OrganizationKind, role: 'member', via: actor.via };
      const provenance = visitProvenance(type, side);
      const fu = f.follow_up ? (JSON.parse(f.follow_up) as FollowUpStored) : null;
      const photos = attachments.filter((x) => x.finding_id === f.id && x.organization_id === f.organization_id).map((x) => x.file_id);
      const evidence = await insertEvidenceRecord(
        trx,
        recorder,
        {
          kind: 'visit_observation',
          provenance,
          title: `${f.severity[0].toUpperCase()}${f.severity.slice(1)} finding, ${VISIT_TYPE_LABELS[type].toLowerCase()} at ${site}: ${f.text}`.slice(0, 300),
          description: [f.text, fu ? `Follow-up: ${fu.owner} (${fu.ownerSide}), due ${fu.dueDate}, ${fu.status}.` : ''].filter(Boolean).join('\n'),
          issuer: provenance === 'third_party' ? await orgName(f.organization_id) : null,
          issuedAt: at,
          attributes: {
            visitId,
            findingId: f.id,
            severity: f.severity,
            ...(fu ? { followUpOwner: fu.owner.slice(0, 500), followUpDue: fu.dueDate, followUpStatus: fu.status } : {}),
          },
          fileIds: [...new Set([...photos, await reportFileOf(f.organization_id, f.recorded_by)])].slice(0, 20),
          links: f.claim_id ? [{ claimId: f.claim_id, effect: (f.claim_effect ?? 'contradicts') as 'contradicts' }] : [],
        },
        a.engagement.supplier_organization_id,
        { key: 'visit_finding', params: { severity: f.severity, visitType: type, site, text: f.text.slice(0, 240) } },
      );
      await share(recorder, evidence.id);
      await updateFinding(trx, f.id, { evidence_id: evidence.id });
    }

    // The visit itself: the buyer's observation, or the auditor's audit report.
    const provenance = visitProvenance(type, a.side);
    const report = await insertEvidenceRecord(
      trx,
      actor,
      {
        kind: a.side === 'auditor' ? 'audit_report' : 'visit_observation',
        provenance,
        title: `${VISIT_TYPE_LABELS[type]} at ${site}, ${a.visit.planned_start.slice(0, 10)}: ${OUTCOME_LABELS[input.outcome].toLowerCase()}`.slice(0, 300),
        description: input.summary,
        issuer: provenance === 'third_party' ? await orgName(actor.organizationId) : null,
        issuedAt: at,
        attributes: {
          visitId,
          visitType: type,
          outcome: input.outcome,
          findings: String(findings.length),
          majorFindings: String(findings.filter((f) => f.severity === 'major').length),
        },
        fileIds: [await reportFileOf(actor.organizationId, actor.userId)],
        links: [],
      },
      a.engagement.supplier_organization_id,
      { key: 'visit_outcome', params: { visitType: type, site, date: a.visit.planned_start.slice(0, 10), outcome: input.outcome } },
    );
    await share(actor, report.id);
    await updateVisit(trx, visitId, { report_evidence_id: report.id });
    await recordAudit(trx, actor, 'visit.closed', 'visit', visitId, { outcome: input.outcome, findings: findings.length, evidenceIds });
  });
  return getVisit(ctx, actor, visitId);
}

// ---------------------------------------------------------------------------------------------------------------
// The supplier's assessment of the buyer

export async function saveSincerity(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof SincerityInput>) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.assess_buyer');
    if (a.side !== 'supplier') throw forbidden('the supplier records its assessment of the buyer');
    if (!['confirmed', 'in_progress', 'closed'].includes(a.visit.status)) throw conflict(`the visit is ${a.visit.status}: the buyer is assessed once the visit is confirmed`);
    const existing = await findSincerity(trx, visitId);
    // The supplier's own newest version of the assessment, else the one the visit was planned with.
    const own = (await listChecklistTemplatesFor(trx, actor.organizationId))
      .filter((t) => t.organization_id === actor.organizationId && t.purpose === 'buyer_sincerity')
      .sort((x, y) => y.created_at.localeCompare(x.created_at))[0];
    const templateId = existing?.template_id ?? own?.id ?? a.visit.sincerity_template_id;
    const template = templateDocument((await findChecklistTemplateById(trx, templateId))!);
    const errors = validateSincerityScores(template, input.scores as Record<string, SincerityScore>);
    if (errors.length) throw invalid(`the assessment has ${errors.length} error(s)`, errors);
    const at = nowIso();
    await saveSincerityRow(trx, {
      visit_id: visitId,
      organization_id: actor.organizationId,
      template_id: templateId,
      scores: JSON.stringify(input.scores),
      comment: input.comment || null,
      shared: input.shared ? 1 : 0,
      assessed_by: actor.userId,
      created_at: existing?.created_at ?? at,
      updated_at: at,
    });
    const b = sincerityBreakdown(template, input.scores as Record<string, SincerityScore>);
    await recordAudit(trx, actor, 'visit.sincerity_saved', 'visit', visitId, { shared: input.shared, index: b.index, band: b.band });
  });
  return (await sincerityView(ctx.handle.db, visitId))!;
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-off

/**
 * Signs the report as the signer's side sees it now: the PDF is rendered, kept in the file store, and its SHA-256
 * recorded with who and when. An auditor's signed report is added to its audit-report evidence.
 */
export async function signOffVisit(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof SignOffInput>) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.sign');
    if (a.visit.status !== 'closed') throw conflict(`the visit is ${a.visit.status}: the report is signed once the visit is closed`, [{ path: 'status', message: `visit is ${a.visit.status}` }]);
    if ((await listSignOffs(trx, visitId)).some((s) => s.organization_id === actor.organizationId)) throw conflict('your organization has already signed this report');
    const pdf = await renderFor(ctx, trx, a, a.side, actor.organizationId);
    const sha256 = sha256Hex(pdf);
    if (input.reviewedSha256 && input.reviewedSha256 !== sha256) {
      throw conflict('the report has changed since you reviewed it; download it again before signing', [{ path: 'reviewedSha256', message: `the report is now ${sha256}` }]);
    }
    const file = await storeGeneratedFile(ctx, trx, actor, pdf, reportFilename(a).replace(/\.pdf$/, `-signed-${a.side}.pdf`), 'application/pdf');
    const at = nowIso();
    const signOffId = newId();
    await insertSignOff(trx, { id: signOffId, visit_id: visitId, organization_id: actor.organizationId, side: a.side, signed_by: actor.userId, signed_at: at, sha256, file_id: file.id, statement: input.statement ?? null });
    await logSignOff(trx, signOffId);
    if (a.side === 'auditor') {
      // The buyer commissioned the audit: it receives the report as signed.
      await shareFileWithOrgs(trx, actor, file.id, actor.organizationId, [a.engagement.buyer_organization_id]);
      const evidenceId = a.visit.report_evidence_id;
      const owned = evidenceId ? await trx.selectFrom('evidence').select('id').where('id', '=', evidenceId).where('organization_id', '=', actor.organizationId).executeTakeFirst() : undefined;
      if (owned) {
        await insertEvidenceFiles(trx, owned.id, [file.id]);
        const orgs = await visitOrganizations(trx, a);
        await shareEvidenceFiles(trx, actor, owned.id, [orgs.buyer, orgs.supplier, ...orgs.auditors]);
      }
    }
    await recordAudit(trx, actor, 'visit.signed_off', 'visit', visitId, { sha256, fileId: file.id, side: a.side });
  });
  return (await signOffViews(ctx.handle.db, visitId)).find((s) => s.organizationId === actor.organizationId)!;
}

