// Loads what an engagement's readiness depends on, and hands it to the pure evaluation in the domain.
import type { Executor } from '../../db/repositories/executor.js';
import { findPolicyById, listMessages, listWaivers, type EngagementRow } from '../../db/repositories/engagements.js';
import { listEngagementEvidenceForReadiness } from '../../db/repositories/evidence.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { listClaims, listSites } from '../../db/repositories/profile.js';
import { businessHoursBetween, type BusinessCalendar } from '../../domain/communication/response-times.js';
import { adviseVisit } from '../../domain/advisor/visit-advisor.js';
import type { OrganizationKind, EngagementPhase } from '../../domain/model.js';
import { evaluateReadiness, type ReadinessInput, type ReadinessResult } from '../../domain/readiness/index.js';
import type { ProductMaturity } from '../../contracts/policy.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { loadEngagementEvidenceLinks, readinessClaim, readinessEvidence } from './evidence-mapping.js';
import { policyDocument } from './policies.js';
import { loadEngagement } from './access.js';
import { lotsOf, processCapabilityOf } from '../quality/readiness.js';
import * as clock from '../../clock.js';
import { discrepancyBehaviour } from '../discrepancies/behaviour.js';
import { engagementCredentialStanding } from '../record/credentials.js';
import { pilotSummaryOf } from '../pilots/readiness.js';
import { dataVersion, ResultCache } from '../shared/result-cache.js';

/** The supplier answers inquiries; its first site's time zone (else UTC) sets its business hours. */
export async function responderCalendar(db: Executor, supplierOrganizationId: string): Promise<BusinessCalendar> {
  const sites = await listSites(db, supplierOrganizationId);
  return { timeZone: sites[0]?.time_zone ?? 'UTC' };
}

export interface InquiryMeasure {
  id: string;
  askedAt: Date;
  answeredAt: Date | null;
  responseBusinessHours: number | null;
}

/** A technical inquiry is answered by the first response to it from the other organization. */
export function measureInquiries(
  messages: { id: string; kind: string; organization_id: string; in_reply_to: string | null; sent_at: string }[],
  calendar: BusinessCalendar,
): InquiryMeasure[] {
  const out: InquiryMeasure[] = [];
  for (const m of messages) {
    if (m.kind !== 'technical_inquiry') continue;
    const answer = messages.find((r) => r.kind === 'response' && r.in_reply_to === m.id && r.organization_id !== m.organization_id);
    const askedAt = new Date(m.sent_at);
    const answeredAt = answer ? new Date(answer.sent_at) : null;
    out.push({ id: m.id, askedAt, answeredAt, responseBusinessHours: answeredAt ? businessHoursBetween(askedAt, answeredAt, calendar) : null });
  }
  return out;
}

/**
 * The engagement's evidence as readiness evaluates it (all of it, including presented credentials that no longer
 * verify), and the standing of its presented credentials. Only the columns readiness evaluates are read, and the
 * links and credentials are found by the engagement (a join) rather than by a list of every evidence id: at 10,000
 * items these reads were most of the answer's time. The rows are dropped once mapped.
 */
async function engagementEvidence(db: Executor, engagementId: string, now: Date) {
  const rows = await listEngagementEvidenceForReadiness(db, engagementId);
  const details = await loadEngagementEvidenceLinks(db, engagementId);
  const credentials = await engagementCredentialStanding(db, engagementId, now);
  const kinds = new Map<string, OrganizationKind>();
  for (const r of rows) {
    if (!kinds.has(r.organization_id)) kinds.set(r.organization_id, ((await findOrganization(db, r.organization_id))?.kind ?? 'supplier') as OrganizationKind);
  }
  // Attributes parsed once, for the evaluation and for the process capability's lots.
  const allEvidence = rows.map((r) => readinessEvidence(r, details, kinds.get(r.organization_id) ?? null, r.shared_at));
  return { allEvidence, credentials };
}

export async function buildReadinessInput(db: Executor, e: EngagementRow, now = clock.now()): Promise<ReadinessInput & { evidenceIds: string[] }> {
  const policy = policyDocument((await findPolicyById(db, e.policy_id))!);
  const scope = JSON.parse(e.scope) as { categories?: string[]; productLines?: string[]; productMaturity?: ProductMaturity; regulatedSector?: string | null };
  const { allEvidence, credentials } = await engagementEvidence(db, e.id, now);
  const claims = await listClaims(db, e.supplier_organization_id);
  const messages = await listMessages(db, e.id);
  const calendar = await responderCalendar(db, e.supplier_organization_id);
  const waivers = (await listWaivers(db, e.id)).filter((w) => w.phase === e.phase);
  // Corrective actions closed in time, the supplier's proactive disclosures and the ladder, from the discrepancies.
  const behaviour = await discrepancyBehaviour(db, e, now);
  return {
    now,
    engagement: {
      id: e.id,
      phase: e.phase as EngagementPhase,
      crossBorder: e.cross_border === 1,
      categories: scope.categories ?? [],
      regulatedSector: scope.regulatedSector ?? null,
      productMaturity: scope.productMaturity ?? null,
      productLines: scope.productLines?.length ? scope.productLines : undefined,
      startedPhaseAt: new Date(e.phase_started_at),
    },
    policy,
    // A presented credential counts only while it verifies (a revocation or expiry takes it out at once).
    evidence: allEvidence.filter((r) => credentials.get(r.id) !== false).map((r) => (credentials.get(r.id) ? { ...r, verifiedCredential: true } : r)),
    claims: claims.map(readinessClaim),
    inquiries: measureInquiries(messages, calendar),
    responderCalendar: calendar,
    communication: {
      progressUpdates: messages.filter((m) => m.kind === 'progress_update').map((m) => ({ id: m.id, sentAt: new Date(m.sent_at) })),
      proactiveDisclosures: [
        ...messages.filter((m) => m.kind === 'proactive_disclosure').map((m) => ({ id: m.id, sentAt: new Date(m.sent_at) })),
        ...behaviour.proactiveDisclosures,
      ],
      escalationLadderNamed: behaviour.ladderNamed || messages.some((m) => m.kind === 'escalation'),
    },
    correctiveActions: behaviour.correctiveActions,
    // The pilot and its final review (services/pilots): the phase-3 requirement is met by a final review that passes.
    pilot: await pilotSummaryOf(db, e.id),
    // Batch-to-batch consistency and the lots delivered, from the quality data (quality-readiness.ts).
    processCapability: await processCapabilityOf(db, e, allEvidence),
    lots: await lotsOf(db, e),
    waivers: waivers.map((w) => ({ requirementId: w.requirement_id, by: w.waived_by_name, reason: w.reason, at: new Date(w.waived_at) })),
    evidenceIds: allEvidence.map((r) => r.id),
  };
}

export async function evaluateEngagement(ctx: ServiceContext, e: EngagementRow): Promise<{ result: ReadinessResult; evidenceIds: string[] }> {
  const { evidenceIds, ...input } = await buildReadinessInput(ctx.handle.db, e);
  return { result: evaluateReadiness(input), evidenceIds };
}

/** Dates become ISO strings, as the API returns them. */
function plain<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v));
}

/**
 * Readiness as the API answers it, reused for up to a second while nothing was written to the database
 * (shared/result-cache.ts): a readiness page polled by many users costs one evaluation a second, and any change
 * (evidence, a message, a waiver, an import — whichever organization made it) is seen by the next request.
 * `evaluatedAt` says when the answer was computed. Authorization and tenant scoping run on every request.
 */
const READINESS_TTL_MS = 1000;
const readinessCache = new ResultCache<unknown>({ maxEntries: 2000, ttlMs: READINESS_TTL_MS });

export async function engagementReadiness(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'engagement.read');
  // The version is read before the data the answer is derived from.
  const version = await dataVersion(ctx.handle);
  const e = await loadEngagement(ctx, actor, id);
  const at = clock.nowMs();
  const cached = readinessCache.get(ctx.handle, e.id, version, at);
  if (cached !== undefined) return cached;
  const value = plain((await evaluateEngagement(ctx, e)).result);
  readinessCache.set(ctx.handle, e.id, version, at, value);
  return value;
}

export async function engagementVisitAdvice(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'engagement.read');
  const e = await loadEngagement(ctx, actor, id);
  const { evidenceIds: _ids, ...input } = await buildReadinessInput(ctx.handle.db, e);
  return plain(adviseVisit(input, input.policy));
}

