// Buyer sincerity, the supplier's view: every buyer that opened an engagement with the supplier (an inbound request
// is an engagement still proposed), assessed signal by signal from what it did, with the supplier's judgement and
// weights. Only the supplier reads it; a buyer sees its own assessment only while the supplier discloses it.
import type { z } from 'zod';
import type { BuyerSincerityView, DisclosedSincerityView, SincerityWeightsView } from '../../contracts/suppliers.js';
import type { ChecklistTemplate } from '../../contracts/visits.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import {
  deleteJudgement,
  findWeights,
  listBuyerMessages,
  listBuyerSpecifications,
  listDisclosures,
  listDisclosuresTo,
  listEngagementSampleTests,
  listEngagementVisitsWithAuditors,
  listFilesFromBuyers,
  listInvitationsOf,
  listJudgements,
  listOpenSlotsOf,
  listSupplierEngagements,
  listSupplierQuestionnaires,
  saveJudgement,
  saveWeights,
  setDisclosure,
} from '../../db/repositories/sincerity.js';
import { findUserById } from '../../db/repositories/users.js';
import { OPEN_PHASES } from '../../domain/model.js';
import { productInScope } from '../../domain/quality/rows.js';
import {
  DEFAULT_SINCERITY_WEIGHTS,
  deriveSignals,
  rankBuyers,
  scoreSincerity,
  SINCERITY_SIGNAL_KEYS,
  validateWeights,
  type BuyerBehaviour,
  type Judgement,
  type SincerityKey,
  type SincerityWeights,
} from '../../domain/sincerity/index.js';
import { sincerityBreakdown, type SincerityScore } from '../../domain/visits/sincerity.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { invalid, notFound } from '../shared/errors.js';
import { nowIso } from '../shared/ids.js';

type BuyerSincerityT = z.infer<typeof BuyerSincerityView>;
type EngagementRow = Awaited<ReturnType<typeof listSupplierEngagements>>[number];

async function weightsOf(db: Executor, organizationId: string): Promise<SincerityWeights> {
  const row = await findWeights(db, organizationId);
  return row ? { ...DEFAULT_SINCERITY_WEIGHTS, ...(JSON.parse(row.weights) as Partial<SincerityWeights>) } : { ...DEFAULT_SINCERITY_WEIGHTS };
}

/** What every buyer of these engagements did, loaded once for all of them. */
async function loadBehaviour(db: Executor, supplierId: string, engagements: EngagementRow[]): Promise<Map<string, BuyerBehaviour>> {
  const ids = engagements.map((e) => e.id);
  const buyerIds = [...new Set(engagements.map((e) => e.buyer_organization_id))];
  const [messages, visits, tests, invitations, slots, specs, files, questionnaires] = await Promise.all([
    listBuyerMessages(db, ids),
    listEngagementVisitsWithAuditors(db, ids),
    listEngagementSampleTests(db, ids),
    listInvitationsOf(db, ids),
    listOpenSlotsOf(db, ids),
    listBuyerSpecifications(db, buyerIds),
    listFilesFromBuyers(db, supplierId, buyerIds),
    listSupplierQuestionnaires(db, supplierId, ids),
  ]);
  const buyerOf = new Map(engagements.map((e) => [e.id, e.buyer_organization_id]));
  const out = new Map<string, BuyerBehaviour>();
  const of = (buyerId: string) => {
    let b = out.get(buyerId);
    if (!b) {
      b = { engagements: [], messages: [], visits: [], sampleTests: [], offers: [], openSlots: [], specifications: [], files: [], questionnaires: [] };
      out.set(buyerId, b);
    }
    return b;
  };
  for (const e of engagements) {
    const scope = JSON.parse(e.scope) as { expectedVolumes?: unknown[]; destinationCountry?: string };
    of(e.buyer_organization_id).engagements.push({
      id: e.id,
      title: e.title,
      createdAt: e.created_at,
      expectedVolumes: scope.expectedVolumes?.length ?? 0,
      destinationCountry: scope.destinationCountry ?? null,
    });
  }
  for (const m of messages) {
    of(m.buyer_organization_id).messages.push({ id: m.id, engagementId: m.engagement_id, kind: m.kind, subject: m.subject, body: m.body, sentAt: m.sent_at });
  }
  for (const v of visits) {
    of(buyerOf.get(v.engagement_id)!).visits.push({
      id: v.id,
      engagementId: v.engagement_id,
      title: v.title,
      type: v.type,
      status: v.status,
      initiatedBy: v.initiated_by,
      auditorInvited: Boolean(Number(v.auditor_invited)),
      createdAt: v.created_at,
    });
  }
  for (const t of tests) {
    const buyer = buyerOf.get(t.engagement_id)!;
    of(buyer).sampleTests.push({
      id: t.id,
      engagementId: t.engagement_id,
      product: t.product,
      runBy: t.run_by,
      recordedBy: t.recorded_by_organization_id === buyer ? 'buyer' : 'supplier',
      testedAt: t.tested_at,
    });
  }
  for (const i of invitations) {
    of(buyerOf.get(i.engagement_id)!).offers.push({
      id: i.id,
      engagementId: i.engagement_id,
      kind: i.kind as 'visit' | 'sample' | 'audit',
      status: i.status,
      createdAt: i.created_at,
      decidedAt: i.decided_at,
    });
  }
  // Slots offered through an invitation are counted by the invitation; the rest as open slot offers.
  const bySlotEngagement = new Map<string, { count: number; offeredAt: string }>();
  for (const s of slots) {
    const cur = bySlotEngagement.get(s.engagement_id) ?? { count: 0, offeredAt: s.created_at };
    cur.count++;
    if (s.created_at < cur.offeredAt) cur.offeredAt = s.created_at;
    bySlotEngagement.set(s.engagement_id, cur);
  }
  const invitationSlots = await slotIdsOfInvitations(db, ids);
  for (const [engagementId, v] of bySlotEngagement) {
    const free = slots.filter((s) => s.engagement_id === engagementId && !invitationSlots.has(s.id)).length;
    if (free) of(buyerOf.get(engagementId)!).openSlots.push({ engagementId, count: free, offeredAt: v.offeredAt });
  }
  for (const s of specs) {
    const own = engagements.filter((e) => e.buyer_organization_id === s.organization_id);
    const inScope = own.filter((e) => productInScope(s.product, s.title, (JSON.parse(e.scope) as { products?: string[] }).products ?? []));
    if (!inScope.length) continue;
    of(s.organization_id).specifications.push({
      id: s.id,
      product: s.product,
      title: s.title,
      note: s.note,
      characteristics: (JSON.parse(s.characteristics) as { key: string; lsl: number | null; usl: number | null; method?: string | null }[]).map((c) => ({
        key: c.key,
        lsl: c.lsl,
        usl: c.usl,
        method: c.method ?? null,
      })),
      engagementIds: inScope.map((e) => e.id),
      createdAt: s.created_at,
    });
  }
  for (const f of files) of(f.organization_id).files.push({ id: f.id, filename: f.filename, engagementId: null, sharedAt: f.shared_at });
  for (const q of questionnaires) {
    const b = sincerityBreakdown(JSON.parse(q.document) as ChecklistTemplate, JSON.parse(q.scores) as Record<string, SincerityScore>);
    of(buyerOf.get(q.engagement_id)!).questionnaires.push({ visitId: q.visit_id, engagementId: q.engagement_id, visitTitle: q.title, index: b.index, assessedAt: q.updated_at });
  }
  return out;
}

async function slotIdsOfInvitations(db: Executor, engagementIds: string[]): Promise<Set<string>> {
  if (!engagementIds.length) return new Set();
  const rows = await db.selectFrom('verification_invitations').select('details').where('engagement_id', 'in', engagementIds).execute();
  const ids = new Set<string>();
  for (const r of rows) for (const id of (JSON.parse(r.details) as { slotIds?: string[] }).slotIds ?? []) ids.add(id);
  return ids;
}

const PHASE_ORDER = (phase: string) => (phase === 'proposed' ? 0 : (OPEN_PHASES as readonly string[]).includes(phase) ? 1 : 2);

async function assessAll(db: Executor, supplierId: string, onlyBuyer?: string): Promise<BuyerSincerityT[]> {
  const engagements = await listSupplierEngagements(db, supplierId, onlyBuyer);
  const [behaviour, weights, judgements, disclosures] = await Promise.all([
    loadBehaviour(db, supplierId, engagements),
    weightsOf(db, supplierId),
    listJudgements(db, supplierId),
    listDisclosures(db, supplierId),
  ]);
  const out: BuyerSincerityT[] = [];
  for (const [buyerId, b] of behaviour) {
    const org = await findOrganization(db, buyerId);
    const own: Partial<Record<SincerityKey, Judgement & { byId: string; byName: string | null }>> = {};
    for (const j of judgements.filter((x) => x.buyer_organization_id === buyerId)) {
      own[j.signal_key as SincerityKey] = { value: j.value, note: j.note, at: j.judged_at, byId: j.judged_by, byName: j.judged_by_name };
    }
    const a = scoreSincerity(deriveSignals(b), weights, own);
    const disclosure = disclosures.find((d) => d.buyer_organization_id === buyerId);
    out.push({
      organizationId: buyerId,
      name: org?.name ?? '',
      country: org?.country ?? '',
      score: a.score,
      band: a.band,
      explanation: a.explanation,
      signals: a.signals.map((s) => {
        const j = own[s.key];
        return {
          key: s.key,
          value: s.value,
          records: s.records,
          derivedValue: s.derivedValue,
          judgement: j ? { value: j.value, note: j.note, by: { id: j.byId, displayName: j.byName ?? '' }, at: j.at! } : null,
          weight: s.weight,
          contribution: s.contribution,
          params: s.params,
          explanation: s.explanation,
        };
      }),
      engagements: engagements
        .filter((e) => e.buyer_organization_id === buyerId)
        .sort((x, y) => PHASE_ORDER(x.phase) - PHASE_ORDER(y.phase) || y.created_at.localeCompare(x.created_at))
        .map((e) => ({ id: e.id, title: e.title, phase: e.phase, createdAt: e.created_at })),
      disclosedAt: disclosure?.shared_at ?? null,
    });
  }
  return rankBuyers(out);
}

/** Every buyer of the supplier, highest sincerity first, each signal with the records behind it. */
export async function listBuyerSincerity(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'sincerity.read');
  return assessAll(ctx.handle.db, actor.organizationId);
}

/** One buyer of the supplier; another organization (or one with no engagement with it) answers 404. */
export async function getBuyerSincerity(ctx: ServiceContext, actor: Actor, buyerId: string) {
  authorize(actor, 'sincerity.read');
  const [one] = await assessAll(ctx.handle.db, actor.organizationId, buyerId);
  if (!one) throw notFound('buyer');
  return one;
}

export async function getSincerityWeights(ctx: ServiceContext, actor: Actor): Promise<z.infer<typeof SincerityWeightsView>> {
  authorize(actor, 'sincerity.read');
  const row = await findWeights(ctx.handle.db, actor.organizationId);
  const by = row ? await findUserById(ctx.handle.db, row.updated_by) : undefined;
  return {
    weights: await weightsOf(ctx.handle.db, actor.organizationId),
    defaults: { ...DEFAULT_SINCERITY_WEIGHTS },
    updatedAt: row?.updated_at ?? null,
    updatedBy: row ? { id: row.updated_by, displayName: by?.display_name ?? '' } : null,
  };
}

export async function updateSincerityWeights(ctx: ServiceContext, actor: Actor, weights: Record<string, number>) {
  authorize(actor, 'sincerity.weights');
  const errors = validateWeights(weights);
  if (errors.length) throw invalid('the weights are not valid', errors);
  const clean = Object.fromEntries(SINCERITY_SIGNAL_KEYS.map((k) => [k, weights[k]]));
  await ctx.handle.db.transaction().execute(async (trx) => {
    await saveWeights(trx, { organization_id: actor.organizationId, weights: JSON.stringify(clean), updated_by: actor.userId, updated_at: nowIso() });
    await recordAudit(trx, actor, 'sincerity.weights_updated', 'organization', actor.organizationId, { weights: clean });
  });
  return getSincerityWeights(ctx, actor);
}

/** A buyer of the supplier: one that opened at least one engagement with it. */
async function requireBuyer(db: Executor, supplierId: string, buyerId: string) {
  const e = await listSupplierEngagements(db, supplierId, buyerId);
  if (!e.length) throw notFound('buyer');
}

export async function judgeSignal(ctx: ServiceContext, actor: Actor, buyerId: string, key: SincerityKey, input: { value: number; note: string }) {
  authorize(actor, 'sincerity.judge');
  await ctx.handle.db.transaction().execute(async (trx) => {
    await requireBuyer(trx, actor.organizationId, buyerId);
    await saveJudgement(trx, {
      organization_id: actor.organizationId,
      buyer_organization_id: buyerId,
      signal_key: key,
      value: input.value,
      note: input.note,
      judged_by: actor.userId,
      judged_at: nowIso(),
    });
    await recordAudit(trx, actor, 'sincerity.judged', 'organization', buyerId, { signal: key, value: input.value });
  });
  return getBuyerSincerity(ctx, actor, buyerId);
}

export async function clearJudgement(ctx: ServiceContext, actor: Actor, buyerId: string, key: SincerityKey) {
  authorize(actor, 'sincerity.judge');
  await ctx.handle.db.transaction().execute(async (trx) => {
    await requireBuyer(trx, actor.organizationId, buyerId);
    if (!(await deleteJudgement(trx, actor.organizationId, buyerId, key))) throw notFound('judgement');
    await recordAudit(trx, actor, 'sincerity.judgement_cleared', 'organization', buyerId, { signal: key });
  });
  return getBuyerSincerity(ctx, actor, buyerId);
}

/** Shares the assessment with the buyer it is about, or takes it back; until then the buyer never sees it. */
export async function setSincerityDisclosure(ctx: ServiceContext, actor: Actor, buyerId: string, shared: boolean) {
  authorize(actor, 'sincerity.judge');
  await ctx.handle.db.transaction().execute(async (trx) => {
    await requireBuyer(trx, actor.organizationId, buyerId);
    if (await setDisclosure(trx, actor.organizationId, buyerId, shared ? { by: actor.userId, at: nowIso() } : null)) {
      await recordAudit(trx, actor, shared ? 'sincerity.disclosed' : 'sincerity.disclosure_withdrawn', 'organization', buyerId, {});
    }
  });
  return getBuyerSincerity(ctx, actor, buyerId);
}

/** The assessments suppliers chose to share with the caller's organization (a buyer). */
export async function listDisclosedSincerity(ctx: ServiceContext, actor: Actor): Promise<z.infer<typeof DisclosedSincerityView>[]> {
  authorize(actor, 'engagement.read');
  const db = ctx.handle.db;
  const out: z.infer<typeof DisclosedSincerityView>[] = [];
  for (const d of await listDisclosuresTo(db, actor.organizationId)) {
    const [a] = await assessAll(db, d.organization_id, actor.organizationId);
    if (!a) continue;
    const supplier = await findOrganization(db, d.organization_id);
    out.push({
      supplier: { id: d.organization_id, name: supplier?.name ?? '', country: supplier?.country ?? '' },
      sharedAt: d.shared_at,
      score: a.score,
      band: a.band,
      explanation: a.explanation,
      signals: a.signals,
    });
  }
  return out;
}
