// Buyer sincerity, the supplier's view (DESIGN.md, "Buyer sincerity"): the supplier's scores broken down
// dimension by dimension, and signals derived from what the buyer actually did in the engagement. Pure.
import type { ChecklistTemplate } from './checklist.js';
import type { LocalizedText } from '../policy/types.js';
import { questionsOf } from './templates.js';

export interface SincerityScore {
  score: number;
  note?: string;
}

export interface SincerityDimensionBreakdown {
  id: string;
  title: LocalizedText;
  score: number | null;
  min: number;
  max: number;
  weight: number;
  /** (score − min) ÷ (max − min) × 100. */
  normalized: number | null;
  /** The anchor of exactly this score, when the scale anchors it. */
  anchor: LocalizedText | null;
  note: string | null;
}

export interface SincerityBreakdown {
  dimensions: SincerityDimensionBreakdown[];
  answered: number;
  total: number;
  index: number | null;
  band: 'high' | 'moderate' | 'low' | 'incomplete';
  explanation: string;
}

export const SINCERITY_BANDS = { high: 70, moderate: 40 } as const;

export type SincerityScoreError = { path: string; message: string };

/** Checks scores against a sincerity template: known dimensions, whole numbers on each scale. */
export function validateSincerityScores(t: ChecklistTemplate, scores: Readonly<Record<string, SincerityScore>>): SincerityScoreError[] {
  const errors: SincerityScoreError[] = [];
  const questions = new Map(questionsOf(t).map(({ question }) => [question.id, question]));
  for (const [id, s] of Object.entries(scores)) {
    const q = questions.get(id);
    if (!q || q.type !== 'score') {
      errors.push({ path: `scores.${id}`, message: `no dimension "${id}" in ${t.key} v${t.version}` });
      continue;
    }
    if (!Number.isInteger(s.score) || s.score < q.scale.min || s.score > q.scale.max) {
      errors.push({ path: `scores.${id}.score`, message: `must be a whole number from ${q.scale.min} to ${q.scale.max}` });
    }
  }
  return errors;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Each dimension's score normalized to 0–100 on its own scale; the index is their weighted mean (weights from the
 * template, default 1), shown only when every dimension is scored. ≥ 70 high, ≥ 40 moderate, otherwise low.
 */
export function sincerityBreakdown(t: ChecklistTemplate, scores: Readonly<Record<string, SincerityScore>>): SincerityBreakdown {
  const dimensions: SincerityDimensionBreakdown[] = [];
  for (const { question: q } of questionsOf(t)) {
    if (q.type !== 'score') continue;
    const s = scores[q.id];
    const { min, max, anchors } = q.scale;
    const score = s && Number.isInteger(s.score) && s.score >= min && s.score <= max ? s.score : null;
    const anchor = score === null ? null : (anchors.find((a) => a.value === score)?.label ?? null);
    dimensions.push({
      id: q.id,
      title: q.text,
      score,
      min,
      max,
      weight: q.weight ?? 1,
      normalized: score === null ? null : round1(((score - min) / (max - min)) * 100),
      anchor,
      note: s?.note ?? null,
    });
  }
  const answered = dimensions.filter((d) => d.score !== null).length;
  const total = dimensions.length;
  const parts = dimensions.map((d) => `${d.title.en.toLowerCase()} ${d.score ?? '–'}/${d.max}`).join(', ');
  if (answered < total || total === 0) {
    return {
      dimensions,
      answered,
      total,
      index: null,
      band: 'incomplete',
      explanation: `${answered} of ${total} dimensions scored (${parts}); the index is shown once every dimension is scored.`,
    };
  }
  const weightSum = dimensions.reduce((n, d) => n + d.weight, 0);
  const index = round1(dimensions.reduce((n, d) => n + d.weight * ((d.score! - d.min) / (d.max - d.min)) * 100, 0) / weightSum);
  const band = index >= SINCERITY_BANDS.high ? 'high' : index >= SINCERITY_BANDS.moderate ? 'moderate' : 'low';
  const weighted = dimensions.some((d) => d.weight !== 1) ? 'weighted mean' : 'mean';
  return {
    dimensions,
    answered,
    total,
    index,
    band,
    explanation:
      `Index ${index} of 100: the ${weighted} of ${total} dimensions, each normalized on its scale (${parts}). ` +
      `${band[0].toUpperCase()}${band.slice(1)} (high ≥ ${SINCERITY_BANDS.high}, moderate ≥ ${SINCERITY_BANDS.moderate}).`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Signals from what the buyer did

export interface BuyerActivity {
  /** Messages the buyer sent in the engagement. */
  messages: { kind: string; subject: string | null; body: string }[];
  /** Visits of the engagement, any status. */
  visits: { type: string; status: string; initiatedBy: string }[];
}

export interface BuyerSignal {
  id: 'technical_inquiries' | 'price_focus' | 'willingness_to_visit';
  /** English, for the API and the CLI; the web words the signal from `id` and `params`. */
  label: string;
  value: number | boolean | string | null;
  explanation: string;
  /** The counts the explanation is written from. */
  params: Record<string, number>;
}

/** Words that mark a message as being about price (English and Chinese); a heuristic, and said to be one. */
export const PRICE_TERMS = /\b(price|prices|pricing|discount|cheaper|cost|costs|quote|quotation|rebate|usd|eur|cny|rmb)\b|价格|报价|折扣|便宜|降价/i;

export function buyerSignals(a: BuyerActivity): BuyerSignal[] {
  const inquiries = a.messages.filter((m) => m.kind === 'technical_inquiry');
  const priced = inquiries.filter((m) => PRICE_TERMS.test(`${m.subject ?? ''} ${m.body}`));
  const onSite = a.visits.filter((v) => v.type !== 'remote_video');
  const held = a.visits.filter((v) => v.status === 'closed' || v.status === 'in_progress');
  const plannedByBuyer = a.visits.filter((v) => v.initiatedBy === 'buyer' && v.status !== 'cancelled');
  return [
    {
      id: 'technical_inquiries',
      label: 'Technical inquiries sent',
      value: inquiries.length,
      explanation: `${inquiries.length} message${inquiries.length === 1 ? '' : 's'} of the kind "technical inquiry" from the buyer in this engagement.`,
      params: { inquiries: inquiries.length },
    },
    {
      id: 'price_focus',
      label: 'Inquiries about price',
      value: inquiries.length ? Math.round((priced.length / inquiries.length) * 100) : null,
      explanation: inquiries.length
        ? `${priced.length} of ${inquiries.length} inquiries (${Math.round((priced.length / inquiries.length) * 100)} %) mention price, cost, discount or a quote (keyword match, a heuristic).`
        : 'No inquiries yet.',
      params: { inquiries: inquiries.length, priced: priced.length },
    },
    {
      id: 'willingness_to_visit',
      label: 'Willingness to visit',
      value: plannedByBuyer.length > 0,
      explanation:
        `${plannedByBuyer.length} visit${plannedByBuyer.length === 1 ? '' : 's'} planned by the buyer (${onSite.length} on site or audited, ` +
        `${a.visits.length - onSite.length} remote); ${held.length} held or under way.`,
      params: { planned: plannedByBuyer.length, onSite: onSite.length, remote: a.visits.length - onSite.length, held: held.length },
    },
  ];
}
