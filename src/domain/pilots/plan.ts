// The rules of a pilot's plan and its evaluation points and reviews. Pure.
import { CATALOGUE, CATALOGUE_KEYS, isCatalogueKey, type Direction, type KpiParams } from './catalogue.js';
import { thresholdProblem } from './evaluate.js';
import { parseFormula } from './formula.js';
import { QUANTITY_NAMES } from './quantities.js';
import { addDays, addMonths, daysBetween, isDate, monthsBetween } from './periods.js';

/** The usual length of a pilot (DESIGN.md: a 3–6 month pilot); outside it a reason is required and stays visible. */
export const PILOT_MIN_MONTHS = 3;
export const PILOT_MAX_MONTHS = 6;

export interface PlanFault {
  field: string;
  code: string;
  message: string;
}

export interface PilotLength {
  months: number;
  /** Whether the length lies within [minMonths, maxMonths] calendar months. */
  inRange: boolean;
}

/** Length of a pilot in calendar months (to 0.1; 3 January → 3 April is exactly 3) and whether it lies in the range. */
export function pilotLength(start: string, end: string, minMonths = PILOT_MIN_MONTHS, maxMonths = PILOT_MAX_MONTHS): PilotLength {
  const months = monthsBetween(start, end);
  return { months, inRange: months >= minMonths && months <= maxMonths };
}

export function checkPilotDates(start: string, end: string, durationReason: string | null | undefined): PlanFault[] {
  if (!isDate(start)) return [{ field: 'startDate', code: 'invalid_date', message: 'the start is a date YYYY-MM-DD' }];
  if (!isDate(end)) return [{ field: 'endDate', code: 'invalid_date', message: 'the end is a date YYYY-MM-DD' }];
  if (end <= start) return [{ field: 'endDate', code: 'end_before_start', message: 'the end must be after the start' }];
  if (daysBetween(start, end) > 3 * 366) return [{ field: 'endDate', code: 'too_long', message: 'a pilot lasts at most three years' }];
  const len = pilotLength(start, end);
  if (!len.inRange && !(durationReason && durationReason.trim().length > 0)) {
    return [
      {
        field: 'durationReason',
        code: 'duration_reason_required',
        message: `the pilot runs ${len.months} months, outside ${PILOT_MIN_MONTHS}–${PILOT_MAX_MONTHS}: give the reason (it stays visible on the pilot and in readiness)`,
      },
    ];
  }
  return [];
}

export const EVALUATION_POINT_KINDS = ['month_1', 'mid_point', 'final', 'custom'] as const;
export type EvaluationPointKind = (typeof EVALUATION_POINT_KINDS)[number];

export interface EvaluationPointPlan {
  kind: EvaluationPointKind;
  label: string | null;
  dueDate: string;
}

/** Month 1, mid-point and final; month 1 is left out when the pilot is too short for it to come before mid-point. */
export function defaultEvaluationPoints(start: string, end: string): EvaluationPointPlan[] {
  const mid = addDays(start, Math.floor(daysBetween(start, end) / 2));
  const month1 = addMonths(start, 1);
  const out: EvaluationPointPlan[] = [];
  if (month1 < mid) out.push({ kind: 'month_1', label: null, dueDate: month1 });
  out.push({ kind: 'mid_point', label: null, dueDate: mid });
  out.push({ kind: 'final', label: null, dueDate: end });
  return out;
}

export function checkEvaluationPoints(points: readonly EvaluationPointPlan[], start: string, end: string): PlanFault[] {
  const faults: PlanFault[] = [];
  const finals = points.filter((p) => p.kind === 'final');
  if (finals.length !== 1) faults.push({ field: 'evaluationPoints', code: 'one_final', message: 'a pilot has exactly one final evaluation point' });
  points.forEach((p, i) => {
    if (!isDate(p.dueDate)) faults.push({ field: `evaluationPoints.${i}.dueDate`, code: 'invalid_date', message: 'a date YYYY-MM-DD' });
    else if (p.dueDate <= start || p.dueDate > addDays(end, 31)) {
      faults.push({ field: `evaluationPoints.${i}.dueDate`, code: 'outside_pilot', message: `an evaluation point lies after the start and at most a month after the end (${end})` });
    }
    if (p.kind === 'custom' && !(p.label && p.label.trim())) faults.push({ field: `evaluationPoints.${i}.label`, code: 'label_required', message: 'name a custom evaluation point' });
  });
  const final = finals.length === 1 ? finals[0] : undefined;
  if (final && points.some((p) => p !== final && p.dueDate > final.dueDate)) {
    faults.push({ field: 'evaluationPoints', code: 'final_last', message: 'the final evaluation point comes last' });
  }
  return faults;
}

/** skipped: not reviewed before the pilot ended (passed or stopped at another point). */
export const POINT_STATES = ['reviewed', 'overdue', 'due', 'upcoming', 'skipped'] as const;
export type PointState = (typeof POINT_STATES)[number];

/** Days before its date from which an evaluation point shows as due. */
export const DUE_SOON_DAYS = 7;

export function pointState(dueDate: string, reviewed: boolean, asOf: string, pilotEnded = false): PointState {
  if (reviewed) return 'reviewed';
  if (pilotEnded) return 'skipped';
  if (dueDate < asOf) return 'overdue';
  if (daysBetween(asOf, dueDate) <= DUE_SOON_DAYS) return 'due';
  return 'upcoming';
}

export const REVIEW_DECISIONS = ['continue', 'adjust', 'stop'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface KpiTargets {
  key: string;
  direction: Direction;
  target: number;
  atRisk: number;
  weight: number;
}

export interface KpiAdjustment {
  key: string;
  target?: number;
  atRisk?: number;
  weight?: number;
}

export interface TargetChange {
  key: string;
  field: 'target' | 'atRisk' | 'weight';
  from: number;
  to: number;
}

/**
 * The checks of a review decision and, for "adjust", the target changes it records. A final review passes
 * ("continue") or stops the pilot; targets are adjusted at the points before it.
 */
export function checkReview(
  input: { decision: ReviewDecision; pointKind: EvaluationPointKind; adjustments: readonly KpiAdjustment[] },
  kpis: readonly KpiTargets[],
): { faults: PlanFault[]; changes: TargetChange[]; next: KpiTargets[] } {
  const faults: PlanFault[] = [];
  const changes: TargetChange[] = [];
  const next = kpis.map((k) => ({ ...k }));
  if (input.decision === 'adjust' && input.pointKind === 'final') {
    faults.push({ field: 'decision', code: 'final_no_adjust', message: 'the final review passes the pilot (continue) or stops it; targets are adjusted at earlier points' });
  }
  if (input.decision !== 'adjust' && input.adjustments.length > 0) {
    faults.push({ field: 'adjustments', code: 'adjust_only', message: 'targets change only with the decision "adjust"' });
  }
  if (input.decision === 'adjust' && input.adjustments.length === 0) {
    faults.push({ field: 'adjustments', code: 'adjust_needs_change', message: 'an "adjust" decision records at least one changed target, threshold or weight' });
  }
  const seen = new Set<string>();
  input.adjustments.forEach((a, i) => {
    const k = next.find((x) => x.key === a.key);
    if (!k) {
      faults.push({ field: `adjustments.${i}.key`, code: 'unknown_kpi', message: `no KPI ${a.key} in this pilot` });
      return;
    }
    if (seen.has(a.key)) faults.push({ field: `adjustments.${i}.key`, code: 'duplicate', message: `${a.key} is adjusted twice` });
    seen.add(a.key);
    for (const field of ['target', 'atRisk', 'weight'] as const) {
      const v = a[field];
      if (v === undefined || v === k[field]) continue;
      changes.push({ key: a.key, field, from: k[field], to: v });
      k[field] = v;
    }
    const problem = thresholdProblem(k.direction, k.target, k.atRisk);
    if (problem) faults.push({ field: `adjustments.${i}.atRisk`, code: 'threshold_side', message: problem });
  });
  if (input.decision === 'adjust' && input.adjustments.length > 0 && changes.length === 0 && faults.length === 0) {
    faults.push({ field: 'adjustments', code: 'adjust_needs_change', message: 'the adjustments change nothing' });
  }
  return { faults, changes, next };
}

export const CUSTOM_KEY = /^[a-z][a-z0-9_]{1,39}$/;

export interface KpiDraft {
  key: string;
  label?: string | null;
  formula?: string | null;
  unit?: string;
  direction?: Direction;
  target?: number;
  atRisk?: number;
  weight?: number;
  params?: KpiParams;
}

export interface ResolvedKpi {
  key: string;
  kind: 'catalogue' | 'custom';
  label: string | null;
  formula: string | null;
  unit: string;
  direction: Direction;
  target: number;
  atRisk: number;
  weight: number;
  params: KpiParams;
}

/**
 * KPIs as the buyer set them up, completed with the catalogue's defaults and checked: a catalogue KPI keeps its
 * direction and reads only its own parameters; a custom KPI needs a key of its own, a formula that parses (a fault
 * is reported with its position), a direction and a target. Faults name the field (kpis.<i>.<field>).
 */
export function resolveKpis(drafts: readonly KpiDraft[]): { kpis: ResolvedKpi[]; faults: PlanFault[] } {
  const faults: PlanFault[] = [];
  const kpis: ResolvedKpi[] = [];
  const seen = new Map<string, number>();
  drafts.forEach((d, i) => {
    const at = (f: string) => `kpis.${i}.${f}`;
    const key = d.key.trim();
    if (seen.has(key)) {
      faults.push({ field: at('key'), code: 'duplicate', message: `the same KPI as number ${seen.get(key)! + 1}` });
      return;
    }
    seen.set(key, i);
    const weight = d.weight ?? 1;
    if (isCatalogueKey(key)) {
      const e = CATALOGUE[key];
      if (d.formula) faults.push({ field: at('formula'), code: 'catalogue_formula', message: `${key} is a catalogue KPI with its own definition; a formula makes a custom KPI with a key of its own` });
      if (d.direction && d.direction !== e.direction) faults.push({ field: at('direction'), code: 'catalogue_direction', message: `${key}: ${e.direction} is better, by definition` });
      const unused = Object.keys(d.params ?? {}).filter((p) => !(e.params as readonly string[]).includes(p));
      if (unused.length) faults.push({ field: at('params'), code: 'param_not_used', message: `${key} does not read ${unused.join(', ')}` });
      const target = d.target ?? e.defaultTarget;
      // A target of one's own without a threshold: no warning band, rather than the catalogue's band around another target.
      const atRisk = d.atRisk ?? (d.target === undefined ? e.defaultAtRisk : target);
      const problem = thresholdProblem(e.direction, target, atRisk);
      if (problem) faults.push({ field: at('atRisk'), code: 'threshold_side', message: problem });
      kpis.push({ key, kind: 'catalogue', label: d.label ?? null, formula: null, unit: e.unit, direction: e.direction, target, atRisk, weight, params: d.params ?? {} });
      return;
    }
    if (!CUSTOM_KEY.test(key)) {
      faults.push({ field: at('key'), code: 'unknown_key', message: `"${key}" is neither a catalogue KPI (${CATALOGUE_KEYS.join(', ')}) nor a custom key (a-z, 0-9, _, 2–40 characters)` });
      return;
    }
    if (!d.formula || d.formula.trim() === '') {
      faults.push({ field: at('formula'), code: 'formula_required', message: 'a custom KPI is a formula over recorded quantities, e.g. accepted_qty / received_qty * 100' });
      return;
    }
    const parsed = parseFormula(d.formula, QUANTITY_NAMES);
    if (!parsed.ok) {
      faults.push({ field: at('formula'), code: `formula_${parsed.fault.code}`, message: parsed.fault.message });
      return;
    }
    if (!d.direction) faults.push({ field: at('direction'), code: 'direction_required', message: 'say whether higher or lower is better' });
    if (d.target === undefined) faults.push({ field: at('target'), code: 'target_required', message: 'a custom KPI needs a target' });
    if (!d.direction || d.target === undefined) return;
    const atRisk = d.atRisk ?? d.target;
    const problem = thresholdProblem(d.direction, d.target, atRisk);
    if (problem) faults.push({ field: at('atRisk'), code: 'threshold_side', message: problem });
    if (d.params && Object.keys(d.params).length > 0 && !d.params.window) faults.push({ field: at('params'), code: 'param_not_used', message: 'a custom KPI reads only the on-time window (for its order quantities)' });
    kpis.push({ key, kind: 'custom', label: d.label ?? null, formula: d.formula.trim(), unit: d.unit ?? '', direction: d.direction, target: d.target, atRisk, weight, params: d.params ?? {} });
  });
  return { kpis, faults };
}
