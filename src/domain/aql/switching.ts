// ISO 2859-1 switching rules between normal, tightened and reduced inspection, as a pure state machine.
// One state per product × defect class (the rules apply to each class independently, standards.md §1.6).
//
// Sources:
// - standards.md §1.6 (aqlrule.com/manual/switch.html, MIL-STD-105E §4.7–4.8 text, sqconline ISO 2859-1 chart):
//   start on normal; normal → tightened when 2 of 5 or fewer consecutive lots are not accepted on original
//   inspection (resubmitted lots ignored); tightened → normal after 5 consecutive accepted lots; normal → reduced
//   when the switching score reaches 30, production is steady and the responsible authority approves;
//   reduced → normal when a lot is not accepted, production is irregular or delayed, or other conditions warrant;
//   discontinue when the cumulative number of lots not accepted on original tightened inspection reaches 5, and
//   resume on tightened once the supplier's corrective action is accepted.
// - Switching score (ISO 2859-1:1999 §9.3.3.2, single sampling) — standards.md marks the increments
//   [UNVERIFIED — recalled from the standard]; implemented as published in ISO 2859-1:1999:
//     • the score is set to 0 at the start of normal inspection and updated after each lot on original normal
//       inspection;
//     • acceptance number Ac ≥ 2: add 3 if the lot would have been accepted had the AQL been one step tighter,
//       otherwise reset to 0;
//     • Ac 0 or 1: add 2 if the lot is accepted, otherwise reset to 0.
//   "One step tighter" for a normal single-sampling plan is the next smaller acceptance number in the same row of
//   Table II-A (0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 44): with Ac ≥ 2 the cell to its left is always a plan.
// - Reduced plans of Table II-C (ANSI/ASQ Z1.4 = MIL-STD-105E) have gaps (e.g. 1/3): Ac < d < Re accepts the lot
//   but reinstates normal inspection (MIL-STD-105E §4.7.4 b, quoted in standards.md §1.6).

import { AqlInputError, samplingPlan } from './sampling.js';
import type { CodeLetter, InspectionLevel, PlanLetter, Severity } from './tables.js';

export type InspectionStatus = Severity | 'discontinued';

export interface InspectionState {
  status: InspectionStatus;
  /**
   * While on normal: results of the most recent lots on original normal inspection (at most 5), oldest first;
   * `true` = not accepted.
   */
  recentNormal: readonly boolean[];
  /** ISO 2859-1 switching score, kept while on normal inspection. */
  switchingScore: number;
  /** While on tightened: consecutive lots accepted. */
  tightenedAcceptedRun: number;
  /** While on tightened: cumulative lots not accepted since tightened inspection began. */
  tightenedNotAccepted: number;
}

export function initialInspectionState(status: Severity = 'normal'): InspectionState {
  return { status, recentNormal: [], switchingScore: 0, tightenedAcceptedRun: 0, tightenedNotAccepted: 0 };
}

export interface LotResult {
  /** Nonconforming items (or nonconformities) found in the sample for this defect class. */
  nonconforming: number;
  /** Acceptance number of the plan used for the lot. */
  accept: number;
  /** Rejection number of the plan used for the lot. */
  reject: number;
  /** A lot resubmitted after rejection: the switching rules ignore it. */
  resubmitted?: boolean;
  /** Production at a steady rate (default true). False while on reduced reinstates normal. */
  productionSteady?: boolean;
  /** The responsible authority approves reduced inspection (default false). */
  authorityApprovesReduced?: boolean;
  /** "Other conditions warrant" normal inspection while on reduced (default false). */
  normalWarranted?: boolean;
  /** While discontinued: the supplier's corrective action was accepted, inspection resumes on tightened. */
  correctiveActionAccepted?: boolean;
}

export type LotDecision = 'accepted' | 'accepted-normal-reinstated' | 'not-accepted';

export type TransitionReason =
  | 'two-of-five-not-accepted'
  | 'five-consecutive-accepted'
  | 'switching-score'
  | 'not-accepted-on-reduced'
  | 'accepted-between-ac-and-re'
  | 'production-irregular'
  | 'other-conditions'
  | 'five-not-accepted-on-tightened'
  | 'corrective-action-accepted';

export interface InspectionTransition {
  from: InspectionStatus;
  to: InspectionStatus;
  reason: TransitionReason;
  /** Human-readable explanation, e.g. "2 of the last 3 lots not accepted on normal inspection". */
  detail: string;
}

export interface InspectionStep {
  /** The status in effect when the lot was inspected. */
  inspectedUnder: InspectionStatus;
  decision: LotDecision;
  /** Switching score after this lot's update, before a switch to another severity resets it. */
  switchingScore: number;
  state: InspectionState;
  transitions: InspectionTransition[];
}

/** Acceptance numbers of a Table II-A row, left to right (standards.md §1.3). */
const NORMAL_ACCEPTANCE_LADDER = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 44] as const;

/** Acceptance number of the plan one AQL step tighter in the same Table II-A row (for Ac ≥ 1). */
export function tighterAcceptanceNumber(accept: number): number {
  let tighter = 0;
  for (const ac of NORMAL_ACCEPTANCE_LADDER) if (ac < accept) tighter = ac;
  return tighter;
}

function checkCount(value: number, field: 'nonconforming' | 'plan', what: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new AqlInputError(field, `${what} must be a non-negative integer (got ${String(value)})`);
  }
}

/** Accept / reject decision for one lot (ISO 2859-1 §11.1; gap plans per MIL-STD-105E §4.7.4 b). */
export function lotDecision(nonconforming: number, accept: number, reject: number): LotDecision {
  checkCount(nonconforming, 'nonconforming', 'nonconforming count');
  checkCount(accept, 'plan', 'acceptance number');
  checkCount(reject, 'plan', 'rejection number');
  if (reject <= accept) throw new AqlInputError('plan', `rejection number ${reject} must exceed Ac ${accept}`);
  if (nonconforming <= accept) return 'accepted';
  if (nonconforming >= reject) return 'not-accepted';
  return 'accepted-normal-reinstated';
}

const REDUCED_AT = 30;

function enterNormal(): InspectionState {
  return initialInspectionState('normal');
}

/**
 * Apply one lot to the switching state: returns the decision, the new state and the transitions it caused.
 * The state is never mutated.
 */
export function stepInspection(state: InspectionState, lot: LotResult): InspectionStep {
  const step = applyLot(state, lot);
  return {
    inspectedUnder: step.inspectedUnder,
    decision: step.decision,
    switchingScore: step.score ?? step.state.switchingScore,
    state: step.state,
    transitions: step.transitions,
  };
}

interface AppliedLot {
  inspectedUnder: InspectionStatus;
  decision: LotDecision;
  state: InspectionState;
  transitions: InspectionTransition[];
  score?: number;
}

function applyLot(state: InspectionState, lot: LotResult): AppliedLot {
  const decision = lotDecision(lot.nonconforming, lot.accept, lot.reject);
  const transitions: InspectionTransition[] = [];
  let current = state;

  if (current.status === 'discontinued') {
    if (!lot.correctiveActionAccepted) {
      // Outside the scheme until corrective action is accepted: recorded, no effect on the switching state.
      return { inspectedUnder: 'discontinued', decision, state: current, transitions };
    }
    current = initialInspectionState('tightened');
    transitions.push({
      from: 'discontinued',
      to: 'tightened',
      reason: 'corrective-action-accepted',
      detail: 'supplier corrective action accepted by the responsible authority; inspection resumes on tightened',
    });
  }
  const inspectedUnder = current.status;
  if (lot.resubmitted) return { inspectedUnder, decision, state: current, transitions };

  const notAccepted = decision === 'not-accepted';
  switch (current.status) {
    case 'normal': {
      const recent = [...current.recentNormal, notAccepted].slice(-5);
      const rejected = recent.filter(Boolean).length;
      if (notAccepted && rejected >= 2) {
        transitions.push({
          from: 'normal',
          to: 'tightened',
          reason: 'two-of-five-not-accepted',
          detail: `${rejected} of the last ${recent.length} lots not accepted on original normal inspection`,
        });
        return { inspectedUnder, decision, state: initialInspectionState('tightened'), transitions };
      }
      let score: number;
      if (lot.accept >= 2) {
        score = lot.nonconforming <= tighterAcceptanceNumber(lot.accept) ? current.switchingScore + 3 : 0;
      } else {
        score = notAccepted ? 0 : current.switchingScore + 2;
      }
      const next: InspectionState = { ...current, recentNormal: recent, switchingScore: score };
      const steady = lot.productionSteady ?? true;
      if (score >= REDUCED_AT && steady && lot.authorityApprovesReduced === true) {
        transitions.push({
          from: 'normal',
          to: 'reduced',
          reason: 'switching-score',
          detail: `switching score ${score} ≥ ${REDUCED_AT}, production steady, reduced inspection approved`,
        });
        return { inspectedUnder, decision, state: initialInspectionState('reduced'), transitions, score };
      }
      return { inspectedUnder, decision, state: next, transitions };
    }
    case 'tightened': {
      const run = notAccepted ? 0 : current.tightenedAcceptedRun + 1;
      const failures = current.tightenedNotAccepted + (notAccepted ? 1 : 0);
      if (failures >= 5) {
        transitions.push({
          from: 'tightened',
          to: 'discontinued',
          reason: 'five-not-accepted-on-tightened',
          detail: `${failures} lots not accepted on tightened inspection; sampling inspection discontinued until corrective action`,
        });
        return {
          inspectedUnder,
          decision,
          state: { ...initialInspectionState('tightened'), status: 'discontinued', tightenedNotAccepted: failures },
          transitions,
        };
      }
      if (run >= 5) {
        transitions.push({
          from: 'tightened',
          to: 'normal',
          reason: 'five-consecutive-accepted',
          detail: '5 consecutive lots accepted on original tightened inspection',
        });
        return { inspectedUnder, decision, state: enterNormal(), transitions };
      }
      return {
        inspectedUnder,
        decision,
        state: { ...current, tightenedAcceptedRun: run, tightenedNotAccepted: failures },
        transitions,
      };
    }
    case 'reduced': {
      let reason: TransitionReason | null = null;
      let detail = '';
      if (notAccepted) {
        reason = 'not-accepted-on-reduced';
        detail = 'lot not accepted on reduced inspection';
      } else if (decision === 'accepted-normal-reinstated') {
        reason = 'accepted-between-ac-and-re';
        detail = `lot accepted with ${lot.nonconforming} nonconforming, between Ac ${lot.accept} and Re ${lot.reject}`;
      } else if (lot.productionSteady === false) {
        reason = 'production-irregular';
        detail = 'production irregular or delayed';
      } else if (lot.normalWarranted === true) {
        reason = 'other-conditions';
        detail = 'other conditions warrant normal inspection';
      }
      if (reason === null) return { inspectedUnder, decision, state: current, transitions };
      transitions.push({ from: 'reduced', to: 'normal', reason, detail });
      return { inspectedUnder, decision, state: enterNormal(), transitions };
    }
    default:
      return { inspectedUnder, decision, state: current, transitions };
  }
}

/** The pure transition function: the state after one lot. */
export function nextInspectionState(state: InspectionState, lot: LotResult): InspectionState {
  return stepInspection(state, lot).state;
}

export interface ReplayLot extends Omit<LotResult, 'accept' | 'reject'> {
  id?: string;
  /** Plan used for the lot. When omitted, it is looked up from lotSize/aql/level for the status in effect. */
  accept?: number;
  reject?: number;
  lotSize?: number;
  aql?: number;
  level?: InspectionLevel;
}

export interface ReplayedLot {
  index: number;
  id?: string;
  /** Severity in effect for this lot ('discontinued': outside the scheme, the tightened plan is shown). */
  severity: InspectionStatus;
  plan: {
    codeLetter: CodeLetter | null;
    planLetter: PlanLetter | null;
    sampleSize: number | null;
    accept: number;
    reject: number;
  };
  nonconforming: number;
  decision: LotDecision;
  /** Switching score after the lot, before a switch resets it (meaningful on normal inspection). */
  switchingScore: number;
  transitions: InspectionTransition[];
}

export interface InspectionHistory {
  lots: ReplayedLot[];
  transitions: Array<InspectionTransition & { lotIndex: number; lotId?: string }>;
  finalState: InspectionState;
}

/**
 * Replay a product × defect-class lot history in order: each lot's severity, plan, decision and the switching
 * transitions with their reasons (for a history view).
 */
export function replayInspectionHistory(
  lots: readonly ReplayLot[],
  options: { initial?: InspectionState } = {},
): InspectionHistory {
  let state = options.initial ?? initialInspectionState();
  const out: ReplayedLot[] = [];
  const all: InspectionHistory['transitions'] = [];
  lots.forEach((lot, index) => {
    const severityForPlan: Severity =
      state.status === 'discontinued' ? 'tightened' : (state.status as Severity);
    let plan: ReplayedLot['plan'];
    if (lot.accept !== undefined && lot.reject !== undefined) {
      plan = { codeLetter: null, planLetter: null, sampleSize: null, accept: lot.accept, reject: lot.reject };
    } else if (lot.lotSize !== undefined && lot.aql !== undefined) {
      // Resuming after discontinuation inspects this lot on tightened as well.
      const p = samplingPlan({ lotSize: lot.lotSize, aql: lot.aql, level: lot.level, severity: severityForPlan });
      plan = {
        codeLetter: p.codeLetter,
        planLetter: p.planLetter,
        sampleSize: p.sampleSize,
        accept: p.accept,
        reject: p.reject,
      };
    } else {
      throw new AqlInputError('plan', `lot ${index}: give either accept/reject or lotSize/aql`);
    }
    const step = stepInspection(state, { ...lot, accept: plan.accept, reject: plan.reject });
    out.push({
      index,
      ...(lot.id !== undefined ? { id: lot.id } : {}),
      severity: step.inspectedUnder,
      plan,
      nonconforming: lot.nonconforming,
      decision: step.decision,
      switchingScore: step.switchingScore,
      transitions: step.transitions,
    });
    for (const t of step.transitions) all.push({ ...t, lotIndex: index, ...(lot.id !== undefined ? { lotId: lot.id } : {}) });
    state = step.state;
  });
  return { lots: out, transitions: all, finalState: state };
}
