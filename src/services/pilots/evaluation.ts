// A pilot's KPIs evaluated on the engagement's records, as of a day: the bridge between the stored pilot and the
// pure evaluation in src/domain/pilots.
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import type { PilotKpiRow, PilotRow } from '../../db/repositories/pilots.js';
import { dateOf, evaluateKpis, type KpiParams, type KpiSpec, type PeriodUnit, type PilotKpiEvaluation } from '../../domain/pilots/index.js';
import * as clock from '../../clock.js';
import { loadKpiData } from './sources.js';

type KpiDefinitionRow = Pick<PilotKpiRow, 'key' | 'kind' | 'formula' | 'unit' | 'direction' | 'target' | 'at_risk' | 'weight' | 'params'>;

function kpiSpec(r: KpiDefinitionRow): KpiSpec {
  return specOf(r, JSON.parse(r.params) as KpiParams);
}

/**
 * kpiSpec for many rows (a portfolio's thousands of KPIs): most share a handful of parameter texts, each parsed
 * once (the parsed parameters are only read).
 */
export function kpiSpecReader(): (r: KpiDefinitionRow) => KpiSpec {
  const parsed = new Map<string, KpiParams>();
  return (r) => {
    let params = parsed.get(r.params);
    if (params === undefined) parsed.set(r.params, (params = JSON.parse(r.params) as KpiParams));
    return specOf(r, params);
  };
}

function specOf(r: KpiDefinitionRow, params: KpiParams): KpiSpec {
  return {
    key: r.key,
    kind: r.kind as 'catalogue' | 'custom',
    formula: r.formula,
    unit: r.unit,
    direction: r.direction as 'higher' | 'lower',
    target: Number(r.target),
    atRisk: Number(r.at_risk),
    weight: Number(r.weight),
    params,
  };
}

/**
 * The day a pilot's values are computed for: today while it runs; the day it ended once the final review passed it
 * or it was stopped (its values then stand still).
 */
export function asOfDay(pilot: PilotRow, now = clock.now()): string {
  const today = dateOf(now);
  if (pilot.ended_at) {
    const ended = dateOf(pilot.ended_at);
    return ended < today ? ended : today;
  }
  return today;
}

export async function evaluatePilot(db: Executor, e: EngagementRow, pilot: PilotRow, kpis: readonly PilotKpiRow[], opts: { unit?: PeriodUnit; now?: Date } = {}): Promise<PilotKpiEvaluation> {
  const now = opts.now ?? clock.now();
  const asOf = asOfDay(pilot, now);
  const data = await loadKpiData(db, e, { from: pilot.start_date, to: pilot.end_date }, now);
  return evaluateKpis(kpis.map(kpiSpec), data, { from: pilot.start_date, to: pilot.end_date, asOf }, opts.unit ?? (pilot.period_unit as PeriodUnit));
}
