// A pilot's KPIs evaluated over its span and per period (week or month): value, status and trend, each opening to
// the records that made it. Pure.
//
// Status against the target and the "at risk" threshold, an early-warning level on the good side of the target
// (e.g. OTD target 95 %, at risk below 97 %):
//   met       — better than the at-risk threshold (or equal to it);
//   at_risk   — the target is still met, but the value has fallen past the at-risk threshold;
//   missed    — the target is not met;
//   no_data   — nothing was recorded to compute it from (never 0 % or 100 %).
// With the threshold equal to the target there is no warning band: met or missed.
import { CATALOGUE, catalogueRecords, isCatalogueKey, prepare, type Direction, type KpiParams, type KpiRecord, type NoData, type Prepared, type Scope } from './catalogue.js';
import { evaluateFormula, parseFormula, type ParsedFormula } from './formula.js';
import { DEFAULT_WINDOW, formatWindow } from './orders.js';
import { periodsCovering, type PeriodUnit } from './periods.js';
import { QUANTITY_NAMES, quantityItems, quantitySource, sumQuantities, type QuantityItem, type QuantitySource } from './quantities.js';
import type { KpiData } from './records.js';

export const KPI_STATUSES = ['met', 'at_risk', 'missed', 'no_data'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export function kpiStatus(value: number | null, target: number, atRisk: number, direction: Direction): KpiStatus {
  if (value === null || !Number.isFinite(value)) return 'no_data';
  if (direction === 'higher') {
    if (value < target) return 'missed';
    return value < atRisk ? 'at_risk' : 'met';
  }
  if (value > target) return 'missed';
  return value > atRisk ? 'at_risk' : 'met';
}

/** The at-risk threshold lies on the good side of the target (or on it). Null when consistent, else why not. */
export function thresholdProblem(direction: Direction, target: number, atRisk: number): string | null {
  if (!Number.isFinite(target) || !Number.isFinite(atRisk)) return 'target and at-risk threshold must be numbers';
  if (direction === 'higher' && atRisk < target) return `higher is better: the at-risk threshold (${atRisk}) is a warning level at or above the target (${target})`;
  if (direction === 'lower' && atRisk > target) return `lower is better: the at-risk threshold (${atRisk}) is a warning level at or below the target (${target})`;
  return null;
}

export interface KpiSpec {
  key: string;
  kind: 'catalogue' | 'custom';
  /** Custom KPIs only. */
  formula?: string | null;
  /** percent, ppm, business_days, or a custom unit ("%", "pcs"). */
  unit: string;
  direction: Direction;
  target: number;
  atRisk: number;
  weight: number;
  params?: KpiParams;
}

export interface SpanValue {
  value: number | null;
  status: KpiStatus;
  noData: NoData | null;
  numerator: number | null;
  denominator: number | null;
  /** Records counted (with a denominator, or a sample). */
  counted: number;
}

export interface PeriodValue extends SpanValue {
  key: string;
  start: string;
  end: string;
}

export interface KpiEvaluation extends SpanValue {
  key: string;
  kind: 'catalogue' | 'custom';
  unit: string;
  direction: Direction;
  target: number;
  atRisk: number;
  weight: number;
  params: KpiParams;
  formula: string | null;
  periods: PeriodValue[];
  /** Every record inside the pilot's span (counted or listed for context), by date. */
  records: KpiRecord[];
}

export interface Attainment {
  /** Share of the weight (of KPIs with data) whose target is met (met or at risk), in percent; null without data. */
  value: number | null;
  metWeight: number;
  totalWeight: number;
  /** KPIs left out for lack of data. */
  noData: string[];
}

export interface PilotKpiEvaluation {
  scope: Scope;
  unit: PeriodUnit;
  kpis: KpiEvaluation[];
  attainment: Attainment;
}

function round(value: number, unit: string): number {
  if (unit === 'ppm') return Math.round(value);
  return Math.round(value * 100) / 100;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function aggregateCatalogue(spec: KpiSpec, records: readonly KpiRecord[]): SpanValue {
  const entry = CATALOGUE[spec.key as keyof typeof CATALOGUE];
  const counted = records.filter((r) => r.denominator > 0);
  if (counted.length === 0) return { value: null, status: 'no_data', noData: { code: 'no_records', params: {} }, numerator: null, denominator: null, counted: 0 };
  let value: number;
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (entry.aggregate === 'median') {
    value = median(counted.map((r) => r.sample ?? 0));
  } else {
    numerator = counted.reduce((s, r) => s + r.numerator, 0);
    denominator = counted.reduce((s, r) => s + r.denominator, 0);
    value = (numerator / denominator) * entry.scale;
  }
  const v = round(value, spec.unit);
  return { value: v, status: kpiStatus(v, spec.target, spec.atRisk, spec.direction), noData: null, numerator, denominator, counted: counted.length };
}

function evaluateCustom(spec: KpiSpec, f: ParsedFormula, items: ReadonlyMap<QuantitySource, readonly QuantityItem[]>): SpanValue {
  const sums = sumQuantities(f.quantities, items);
  const r = evaluateFormula(f, (q) => sums.get(q));
  const counted = [...items.values()].reduce((s, l) => s + l.length, 0);
  if (r.ok) {
    const v = round(r.value, spec.unit);
    return { value: v, status: kpiStatus(v, spec.target, spec.atRisk, spec.direction), noData: null, numerator: null, denominator: null, counted };
  }
  const noData: NoData =
    r.reason === 'no_data'
      ? { code: 'quantity_missing', params: { quantity: r.quantity } }
      : r.reason === 'zero_divisor'
        ? { code: 'zero_divisor', params: { divisor: r.divisor, position: r.position } }
        : { code: 'not_a_number', params: { position: r.position } };
  return { value: null, status: 'no_data', noData, numerator: null, denominator: null, counted };
}

const within = (date: string, start: string, end: string) => date >= start && date <= end;

export interface EvaluateOptions {
  /**
   * false: the values over the whole span only, every KPI's `periods` left empty (a portfolio asks only for each
   * pilot's status); the span values are the same as with the trend.
   */
  periods?: boolean;
}

/**
 * Evaluates the KPIs of a pilot on the data, for the scope (the pilot's dates and the as-of day), with a trend per
 * period of `unit`.
 */
export function evaluateKpis(specs: readonly KpiSpec[], data: KpiData, scope: Scope, unit: PeriodUnit = 'month', opts: EvaluateOptions = {}): PilotKpiEvaluation {
  const last = scope.to < scope.asOf ? scope.to : scope.asOf;
  const periods = opts.periods === false ? [] : periodsCovering(scope.from, last, unit);
  const prepared = new Map<string, Prepared>();
  const preparedFor = (params: KpiParams | undefined) => {
    const w = params?.window ?? DEFAULT_WINDOW;
    const k = formatWindow(w);
    let p = prepared.get(k);
    if (!p) prepared.set(k, (p = prepare(data, scope, w)));
    return p;
  };
  const kpis: KpiEvaluation[] = specs.map((spec) => {
    const params = spec.params ?? {};
    const base = {
      key: spec.key,
      kind: spec.kind,
      unit: spec.unit,
      direction: spec.direction,
      target: spec.target,
      atRisk: spec.atRisk,
      weight: spec.weight,
      params,
      formula: spec.kind === 'custom' ? spec.formula ?? null : null,
    };
    const p = preparedFor(params);
    if (spec.kind === 'catalogue') {
      if (!isCatalogueKey(spec.key)) {
        const noData: NoData = { code: 'source_missing', params: { key: spec.key } };
        return { ...base, value: null, status: 'no_data', noData, numerator: null, denominator: null, counted: 0, periods: [], records: [] };
      }
      const records = catalogueRecords(spec.key, p, params, spec.target);
      if (!Array.isArray(records)) {
        const noData = records as NoData;
        const empty = (): SpanValue => ({ value: null, status: 'no_data', noData, numerator: null, denominator: null, counted: 0 });
        return { ...base, ...empty(), periods: periods.map((per) => ({ key: per.key, start: per.start, end: per.end, ...empty() })), records: [] };
      }
      const sorted = [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return {
        ...base,
        ...aggregateCatalogue(spec, sorted),
        periods: periods.map((per) => ({ key: per.key, start: per.start, end: per.end, ...aggregateCatalogue(spec, sorted.filter((r) => within(r.date, per.start, per.end))) })),
        records: sorted,
      };
    }
    const parsed = parseFormula(spec.formula ?? '', QUANTITY_NAMES);
    if (!parsed.ok) {
      const noData: NoData = { code: 'not_a_number', params: { position: parsed.fault.position } };
      const empty = (): SpanValue => ({ value: null, status: 'no_data', noData, numerator: null, denominator: null, counted: 0 });
      return { ...base, ...empty(), periods: periods.map((per) => ({ key: per.key, start: per.start, end: per.end, ...empty() })), records: [] };
    }
    const f = parsed.formula;
    const sources = [...new Set(f.quantities.map((q) => quantitySource(q)!))];
    const all = new Map<QuantitySource, QuantityItem[]>(sources.map((s) => [s, quantityItems(s, p)]));
    const slice = (start: string, end: string) => new Map([...all].map(([s, list]) => [s, list.filter((it) => within(it.record.date, start, end))] as const));
    const records = [...all.values()].flat().map((it) => it.record).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return {
      ...base,
      ...evaluateCustom(spec, f, all),
      periods: periods.map((per) => ({ key: per.key, start: per.start, end: per.end, ...evaluateCustom(spec, f, slice(per.start, per.end)) })),
      records,
    };
  });
  return { scope, unit, kpis, attainment: attainmentOf(kpis) };
}

export function attainmentOf(kpis: readonly Pick<KpiEvaluation, 'key' | 'status' | 'weight'>[]): Attainment {
  let metWeight = 0;
  let totalWeight = 0;
  const noData: string[] = [];
  for (const k of kpis) {
    if (k.status === 'no_data') {
      noData.push(k.key);
      continue;
    }
    totalWeight += k.weight;
    if (k.status === 'met' || k.status === 'at_risk') metWeight += k.weight;
  }
  return { value: totalWeight > 0 ? Math.round((metWeight / totalWeight) * 1000) / 10 : null, metWeight, totalWeight, noData };
}
