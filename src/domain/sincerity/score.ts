// The sincerity score of one buyer: the weighted mean of its signals, where the supplier's own judgement of a
// signal (a value with a note) takes the place of the derived value. Signals with no value yet are left out and
// the weights of the others renormalised, so a buyer is not marked down for what it has had no chance to do. Pure.
import { SINCERITY_SIGNAL_KEYS, type DerivedSignal, type SincerityKey, type SignalRecord } from './signals.js';

export type SincerityWeights = Record<SincerityKey, number>;

/** What the supplier's admins start from; they edit it per organization. */
export const DEFAULT_SINCERITY_WEIGHTS: SincerityWeights = {
  technical_depth: 30,
  willingness_to_verify: 25,
  specification_clarity: 20,
  operations_understanding: 15,
  visit_questionnaire: 10,
};

export const SINCERITY_SCORE_BANDS = { high: 70, moderate: 40 } as const;
export type SincerityBand = 'high' | 'moderate' | 'low' | 'insufficient';

export interface Judgement {
  value: number;
  note: string;
  by?: string;
  at?: string;
}

export interface ScoredSignal {
  key: SincerityKey;
  /** The value that counts: the supplier's judgement where it gave one, else the derived value. */
  value: number | null;
  derivedValue: number | null;
  judgement: Judgement | null;
  weight: number;
  /** Points this signal adds to the score (weight share × value), 0 when it does not count. */
  contribution: number;
  records: SignalRecord[];
  params: Record<string, number | string>;
  explanation: string;
}

export interface SincerityAssessment {
  score: number | null;
  band: SincerityBand;
  signals: ScoredSignal[];
  explanation: string;
}

export type WeightError = { path: string; message: string };

/** Whole numbers 0–100 for every signal, at least one above zero. */
export function validateWeights(w: Readonly<Record<string, unknown>>): WeightError[] {
  const errors: WeightError[] = [];
  for (const k of Object.keys(w)) {
    if (!(SINCERITY_SIGNAL_KEYS as readonly string[]).includes(k)) errors.push({ path: `weights.${k}`, message: `no signal "${k}"` });
  }
  for (const k of SINCERITY_SIGNAL_KEYS) {
    const v = w[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100) errors.push({ path: `weights.${k}`, message: 'must be a whole number from 0 to 100' });
  }
  if (!errors.length && SINCERITY_SIGNAL_KEYS.every((k) => w[k] === 0)) errors.push({ path: 'weights', message: 'at least one weight must be above 0' });
  return errors;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function bandOf(score: number | null): SincerityBand {
  if (score === null) return 'insufficient';
  return score >= SINCERITY_SCORE_BANDS.high ? 'high' : score >= SINCERITY_SCORE_BANDS.moderate ? 'moderate' : 'low';
}

export function scoreSincerity(
  derived: readonly DerivedSignal[],
  weights: SincerityWeights = DEFAULT_SINCERITY_WEIGHTS,
  judgements: Partial<Record<SincerityKey, Judgement>> = {},
): SincerityAssessment {
  const rows = derived.map((d) => {
    const judgement = judgements[d.key] ?? null;
    return { d, judgement, value: judgement ? judgement.value : d.value, weight: weights[d.key] ?? 0 };
  });
  const counting = rows.filter((r) => r.value !== null && r.weight > 0);
  const weightSum = counting.reduce((n, r) => n + r.weight, 0);
  const score = weightSum > 0 ? round1(counting.reduce((n, r) => n + r.weight * r.value!, 0) / weightSum) : null;
  const signals: ScoredSignal[] = rows.map(({ d, judgement, value, weight }) => ({
    key: d.key,
    value,
    derivedValue: d.value,
    judgement,
    weight,
    contribution: value !== null && weight > 0 && weightSum > 0 ? round1((weight * value) / weightSum) : 0,
    records: d.records,
    params: d.params,
    explanation: d.explanation,
  }));
  const band = bandOf(score);
  const judged = rows.filter((r) => r.judgement).length;
  const left = rows.filter((r) => r.value === null).map((r) => r.d.key);
  const explanation =
    score === null
      ? 'Nothing to judge by yet: no signal has a value.'
      : `Score ${score} of 100: the weighted mean of ${counting.length} of ${rows.length} signals` +
        `${judged ? ` (${judged} set by your judgement)` : ''}${left.length ? `; without a value yet: ${left.join(', ')}` : ''}. ` +
        `${band[0].toUpperCase()}${band.slice(1)} (high ≥ ${SINCERITY_SCORE_BANDS.high}, moderate ≥ ${SINCERITY_SCORE_BANDS.moderate}).`;
  return { score, band, signals, explanation };
}

/** Highest score first; buyers with no score last; ties by name so the order is stable. */
export function rankBuyers<T extends { score: number | null; name: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => {
    if (a.score === null && b.score === null) return a.name.localeCompare(b.name);
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score || a.name.localeCompare(b.name);
  });
}
