// Buyer sincerity, the supplier's view (DESIGN.md, "Buyer sincerity"), derived signal by signal from what the buyer
// did across its engagements with the supplier. Each signal returns its value (0–100, or null when there is
// nothing to judge by yet), the records it read, and the numbers its explanation is made of. Pure: the services
// load the behaviour, these functions only count.
import { classifyMessage, OPERATIONS_TOPICS, TECHNICAL_TOPICS, type MessageTopic } from './classify.js';

export const SINCERITY_SIGNAL_KEYS = [
  'technical_depth',
  'willingness_to_verify',
  'specification_clarity',
  'operations_understanding',
  'visit_questionnaire',
] as const;
export type SincerityKey = (typeof SINCERITY_SIGNAL_KEYS)[number];

export type RecordType = 'message' | 'visit' | 'sample_test' | 'invitation' | 'specification' | 'engagement' | 'file' | 'visit_assessment';

/** One record behind a signal: what it is, where, when, and what it told (tags the UI translates). */
export interface SignalRecord {
  type: RecordType;
  id: string;
  engagementId: string | null;
  at: string | null;
  label: string;
  /** e.g. ['price'], ['tolerances', 'process'], ['requested'], ['declined']; see each signal. */
  tags: string[];
  /** What the record added to the signal's value, where it adds points. */
  points?: number;
}

export interface DerivedSignal {
  key: SincerityKey;
  value: number | null;
  records: SignalRecord[];
  /** The numbers the explanation is made of, so the UI can word it in either language. */
  params: Record<string, number | string>;
  explanation: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The buyer's behaviour, as the services load it

export interface BuyerMessage {
  id: string;
  engagementId: string;
  kind: string;
  subject: string | null;
  body: string;
  sentAt: string;
}
export interface BuyerVisit {
  id: string;
  engagementId: string;
  title: string;
  type: string;
  status: string;
  /** 'buyer' planned it; 'supplier' offered the slot the buyer booked. */
  initiatedBy: string;
  /** An auditor organization was invited into it. */
  auditorInvited: boolean;
  createdAt: string;
}
export interface BuyerSampleTest {
  id: string;
  engagementId: string;
  product: string;
  runBy: string;
  /** Which side recorded it: only the buyer's own tests (or third-party labs it recorded) show its willingness. */
  recordedBy: 'buyer' | 'supplier';
  testedAt: string;
}
export interface VerificationOffer {
  id: string;
  engagementId: string;
  kind: 'visit' | 'sample' | 'audit';
  status: string;
  createdAt: string;
  decidedAt: string | null;
}
/** Slots the supplier offered in an engagement that the buyer has not booked. */
export interface OpenSlotOffer {
  engagementId: string;
  count: number;
  offeredAt: string;
}
export interface BuyerSpecification {
  id: string;
  product: string;
  title: string;
  note: string | null;
  characteristics: { key: string; lsl: number | null; usl: number | null; method: string | null }[];
  engagementIds: string[];
  createdAt: string;
}
export interface BuyerEngagement {
  id: string;
  title: string;
  createdAt: string;
  expectedVolumes: number;
  destinationCountry: string | null;
}
export interface BuyerFile {
  id: string;
  filename: string;
  engagementId: string | null;
  sharedAt: string;
}
export interface QuestionnaireResult {
  visitId: string;
  engagementId: string;
  visitTitle: string;
  /** The questionnaire's index 0–100; null while incomplete. */
  index: number | null;
  assessedAt: string;
}

export interface BuyerBehaviour {
  engagements: BuyerEngagement[];
  messages: BuyerMessage[];
  visits: BuyerVisit[];
  sampleTests: BuyerSampleTest[];
  offers: VerificationOffer[];
  openSlots: OpenSlotOffer[];
  specifications: BuyerSpecification[];
  files: BuyerFile[];
  questionnaires: QuestionnaireResult[];
}

const round = (n: number) => Math.round(n);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------------------------
// Depth of technical inquiries

/** Messages the buyer typed as inquiries; the rest (updates, escalations) do not say what it asks about. */
const INQUIRY_KINDS = new Set(['technical_inquiry']);
export const TECHNICAL_SHARE_POINTS = 70;
export const TOPIC_COVERAGE_POINTS = 30;

/**
 * The buyer's inquiries split into technical (process, materials, tolerances or operations), price-only and
 * general; value = 70 × technical share + 30 × technical topics covered ÷ 3. No inquiries: null.
 */
export function technicalDepth(messages: readonly BuyerMessage[]): DerivedSignal {
  const inquiries = messages.filter((m) => INQUIRY_KINDS.has(m.kind));
  const covered = new Set<string>();
  let technical = 0;
  let priceOnly = 0;
  const records: SignalRecord[] = inquiries.map((m) => {
    const c = classifyMessage(m.subject, m.body);
    if (c.nature === 'technical') technical++;
    if (c.nature === 'price_only') priceOnly++;
    for (const t of c.technical) covered.add(t);
    const tags: string[] = c.nature === 'price_only' ? ['price'] : c.nature === 'general' ? ['general'] : [...c.technical, ...c.operations];
    return { type: 'message', id: m.id, engagementId: m.engagementId, at: m.sentAt, label: m.subject ?? m.body.slice(0, 80), tags };
  });
  const n = inquiries.length;
  if (n === 0) {
    return { key: 'technical_depth', value: null, records, params: { inquiries: 0, technical: 0, priceOnly: 0, topics: 0 }, explanation: 'No inquiries from this buyer yet.' };
  }
  const topics = TECHNICAL_TOPICS.filter((t) => covered.has(t));
  const value = round(TECHNICAL_SHARE_POINTS * (technical / n) + TOPIC_COVERAGE_POINTS * (topics.length / TECHNICAL_TOPICS.length));
  return {
    key: 'technical_depth',
    value,
    records,
    params: { inquiries: n, technical, priceOnly, topics: topics.length, topicList: topics.join(', ') },
    explanation:
      `${technical} of ${plural(n, 'inquiry', 'inquiries')} technical, ${priceOnly} about price only; ` +
      `${topics.length} of ${TECHNICAL_TOPICS.length} technical topics asked about${topics.length ? ` (${topics.join(', ')})` : ''} ` +
      `(keyword match, a heuristic). ${TECHNICAL_SHARE_POINTS} × ${technical}/${n} + ${TOPIC_COVERAGE_POINTS} × ${topics.length}/${TECHNICAL_TOPICS.length} = ${value}.`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Understanding of operations

/** Share of the operations topics (capacity limits, lead times, QC methods) the buyer asked about in any message. */
export function operationsUnderstanding(messages: readonly BuyerMessage[]): DerivedSignal {
  const covered = new Set<string>();
  const records: SignalRecord[] = [];
  for (const m of messages) {
    const c = classifyMessage(m.subject, m.body);
    if (!c.operations.length) continue;
    for (const t of c.operations) covered.add(t);
    records.push({ type: 'message', id: m.id, engagementId: m.engagementId, at: m.sentAt, label: m.subject ?? m.body.slice(0, 80), tags: [...c.operations] });
  }
  if (messages.length === 0) {
    return { key: 'operations_understanding', value: null, records, params: { messages: 0, topics: 0 }, explanation: 'No messages from this buyer yet.' };
  }
  const topics = OPERATIONS_TOPICS.filter((t) => covered.has(t));
  const missing = OPERATIONS_TOPICS.filter((t) => !covered.has(t));
  const value = round((100 * topics.length) / OPERATIONS_TOPICS.length);
  return {
    key: 'operations_understanding',
    value,
    records,
    params: { messages: messages.length, topics: topics.length, topicList: topics.join(', '), missing: missing.join(', ') },
    explanation:
      `${topics.length} of ${OPERATIONS_TOPICS.length} operational topics asked about in ${plural(messages.length, 'message')}` +
      `${topics.length ? ` (${topics.join(', ')})` : ''}${missing.length ? `; not yet: ${missing.join(', ')}` : ''} (keyword match, a heuristic).`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Willingness to verify

export const VERIFY_POINTS = { visit: 40, visitHeld: 10, samples: 25, audit: 25 } as const;
const HELD = new Set(['in_progress', 'closed']);
const WITHDRAWN_BY_BUYER = new Set(['cancelled', 'declined']);

/**
 * Visit requested or accepted (40), a visit held (10), sample tests planned or run (25), a third-party audit
 * commissioned (25); at most 100. Declined invitations and unbooked slots are listed with no points, as reasons.
 */
export function willingnessToVerify(b: Pick<BuyerBehaviour, 'visits' | 'sampleTests' | 'offers' | 'openSlots'>): DerivedSignal {
  const records: SignalRecord[] = [];
  let visit = false;
  let held = false;
  let samples = false;
  let audit = false;
  for (const v of b.visits) {
    const tags: string[] = [v.initiatedBy === 'buyer' ? 'requested' : 'accepted'];
    let points = 0;
    const live = !WITHDRAWN_BY_BUYER.has(v.status);
    if (live && !visit) {
      visit = true;
      points += VERIFY_POINTS.visit;
    }
    if (HELD.has(v.status)) {
      tags.push('held');
      if (!held) {
        held = true;
        points += VERIFY_POINTS.visitHeld;
      }
    }
    if (live && (v.type === 'third_party_audit' || v.auditorInvited)) {
      tags.push('audit');
      if (!audit) {
        audit = true;
        points += VERIFY_POINTS.audit;
      }
    }
    if (!live) tags.push(v.status);
    records.push({ type: 'visit', id: v.id, engagementId: v.engagementId, at: v.createdAt, label: v.title, tags, points });
  }
  for (const s of b.sampleTests.filter((s) => s.recordedBy === 'buyer')) {
    const points = samples ? 0 : VERIFY_POINTS.samples;
    samples = true;
    records.push({ type: 'sample_test', id: s.id, engagementId: s.engagementId, at: s.testedAt, label: s.product, tags: ['tested', s.runBy], points });
  }
  for (const o of b.offers) {
    let points = 0;
    if (o.status === 'accepted') {
      if (o.kind === 'sample' && !samples) {
        samples = true;
        points = VERIFY_POINTS.samples;
      }
      // Accepted visit and audit invitations created the visit counted above.
    }
    records.push({ type: 'invitation', id: o.id, engagementId: o.engagementId, at: o.decidedAt ?? o.createdAt, label: o.kind, tags: [o.kind, o.status], points });
  }
  for (const s of b.openSlots) {
    records.push({ type: 'invitation', id: `slots:${s.engagementId}`, engagementId: s.engagementId, at: s.offeredAt, label: 'visit slots', tags: ['visit', 'not_booked'], points: 0 });
  }
  const value = Math.min(
    100,
    (visit ? VERIFY_POINTS.visit : 0) + (held ? VERIFY_POINTS.visitHeld : 0) + (samples ? VERIFY_POINTS.samples : 0) + (audit ? VERIFY_POINTS.audit : 0),
  );
  const declined = b.offers.filter((o) => o.status === 'declined').length;
  const unbooked = b.openSlots.reduce((n, s) => n + s.count, 0);
  const parts = [
    `visit requested or accepted: ${visit ? 'yes' : 'no'}`,
    `visit held: ${held ? 'yes' : 'no'}`,
    `sample tests: ${samples ? 'yes' : 'no'}`,
    `third-party audit: ${audit ? 'yes' : 'no'}`,
  ];
  const reasons = [declined ? `${plural(declined, 'invitation')} declined` : '', unbooked ? `${plural(unbooked, 'offered visit slot')} not booked` : ''].filter(Boolean);
  return {
    key: 'willingness_to_verify',
    value,
    records,
    params: { visit: visit ? 1 : 0, held: held ? 1 : 0, samples: samples ? 1 : 0, audit: audit ? 1 : 0, declined, unbooked },
    explanation: `${parts.join('; ')}${reasons.length ? `; ${reasons.join(', ')}` : ''}. Points ${VERIFY_POINTS.visit} + ${VERIFY_POINTS.visitHeld} + ${VERIFY_POINTS.samples} + ${VERIFY_POINTS.audit}, at most 100: ${value}.`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Clarity of specifications

export const CLARITY_POINTS = { specification: 40, methods: 20, drawings: 20, volumes: 10, destination: 10 } as const;
const DRAWING_REFERENCE = /drawing|\bdwg\b|\bstep\b|\.stp\b|\bdxf\b|\brev\.? ?[a-z0-9]\b|图纸/i;
/** CAD files, or any file named as a drawing; photos and reports the buyer shared (e.g. from a visit) are not drawings. */
const DRAWING_FILE = /\.(dwg|dxf|step|stp|igs|iges|x_t|sldprt)$/i;

/**
 * A specification with limits for a product of its engagements (40), test methods named for its characteristics
 * (20 × the share that name one), a drawing given (20: a drawing file shared or a drawing referenced in the
 * specification), volumes stated (10), destination stated (10).
 */
export function specificationClarity(b: Pick<BuyerBehaviour, 'specifications' | 'engagements' | 'files'>): DerivedSignal {
  const records: SignalRecord[] = [];
  const characteristics = b.specifications.flatMap((s) => s.characteristics);
  const limited = characteristics.filter((c) => c.lsl !== null || c.usl !== null);
  const withMethod = limited.filter((c) => c.method && c.method.trim().length > 0);
  let drawings = 0;
  for (const s of b.specifications) {
    const cLimited = s.characteristics.filter((c) => c.lsl !== null || c.usl !== null).length;
    const cMethod = s.characteristics.filter((c) => (c.lsl !== null || c.usl !== null) && c.method).length;
    const tags = [`characteristics:${s.characteristics.length}`, `limits:${cLimited}`, `methods:${cMethod}`];
    if (DRAWING_REFERENCE.test(`${s.title} ${s.note ?? ''}`)) {
      tags.push('drawing');
      drawings++;
    }
    records.push({ type: 'specification', id: s.id, engagementId: s.engagementIds[0] ?? null, at: s.createdAt, label: `${s.product} — ${s.title}`, tags });
  }
  for (const f of b.files) {
    if (!DRAWING_FILE.test(f.filename) && !DRAWING_REFERENCE.test(f.filename)) continue;
    drawings++;
    records.push({ type: 'file', id: f.id, engagementId: f.engagementId, at: f.sharedAt, label: f.filename, tags: ['drawing'] });
  }
  const withVolumes = b.engagements.filter((e) => e.expectedVolumes > 0);
  const withDestination = b.engagements.filter((e) => e.destinationCountry);
  for (const e of b.engagements) {
    const tags = [e.expectedVolumes > 0 ? 'volumes' : 'no_volumes', e.destinationCountry ? `destination:${e.destinationCountry}` : 'no_destination'];
    records.push({ type: 'engagement', id: e.id, engagementId: e.id, at: e.createdAt, label: e.title, tags });
  }
  const methodShare = limited.length ? withMethod.length / limited.length : 0;
  const value = round(
    (limited.length ? CLARITY_POINTS.specification : 0) +
      CLARITY_POINTS.methods * methodShare +
      (drawings ? CLARITY_POINTS.drawings : 0) +
      (withVolumes.length ? CLARITY_POINTS.volumes : 0) +
      (withDestination.length ? CLARITY_POINTS.destination : 0),
  );
  return {
    key: 'specification_clarity',
    value,
    records,
    params: {
      specifications: b.specifications.length,
      characteristics: limited.length,
      methods: withMethod.length,
      drawings,
      volumes: withVolumes.length ? 1 : 0,
      destination: withDestination.length ? 1 : 0,
    },
    explanation:
      `${plural(b.specifications.length, 'specification')} with ${plural(limited.length, 'characteristic')} with limits, ` +
      `${withMethod.length} naming a test method; ${drawings ? `${plural(drawings, 'drawing')} given` : 'no drawing given'}; ` +
      `volumes ${withVolumes.length ? 'stated' : 'not stated'}; destination ${withDestination.length ? 'stated' : 'not stated'}. ` +
      `${limited.length ? CLARITY_POINTS.specification : 0} + ${CLARITY_POINTS.methods} × ${withMethod.length}/${limited.length || 0} + ` +
      `${drawings ? CLARITY_POINTS.drawings : 0} + ${withVolumes.length ? CLARITY_POINTS.volumes : 0} + ${withDestination.length ? CLARITY_POINTS.destination : 0} = ${value}.`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The visit questionnaire

/** The mean index of the supplier's completed visit questionnaires about this buyer; none completed: null. */
export function visitQuestionnaire(results: readonly QuestionnaireResult[]): DerivedSignal {
  const records: SignalRecord[] = results.map((r) => ({
    type: 'visit_assessment',
    id: r.visitId,
    engagementId: r.engagementId,
    at: r.assessedAt,
    label: r.visitTitle,
    tags: [r.index === null ? 'incomplete' : `index:${r.index}`],
  }));
  const complete = results.filter((r) => r.index !== null);
  if (!complete.length) {
    return {
      key: 'visit_questionnaire',
      value: null,
      records,
      params: { completed: 0, total: results.length },
      explanation: results.length ? 'The visit questionnaire is not complete yet.' : 'No visit questionnaire about this buyer yet.',
    };
  }
  const value = round(complete.reduce((n, r) => n + r.index!, 0) / complete.length);
  return {
    key: 'visit_questionnaire',
    value,
    records,
    params: { completed: complete.length, total: results.length },
    explanation: `Mean index of ${plural(complete.length, 'completed visit questionnaire')}: ${value}.`,
  };
}

/** Every signal, in the order of SINCERITY_SIGNAL_KEYS. */
export function deriveSignals(b: BuyerBehaviour): DerivedSignal[] {
  return [technicalDepth(b.messages), willingnessToVerify(b), specificationClarity(b), operationsUnderstanding(b.messages), visitQuestionnaire(b.questionnaires)];
}

export type { MessageTopic };
