// The records behind a KPI value of a running pilot: for the whole pilot so far, or for one period of its trend.
import { listPilotKpis } from '../../db/repositories/pilots.js';
import { periodOf, type PeriodUnit } from '../../domain/pilots/index.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { invalidField, notFound } from '../shared/errors.js';
import { loadPilot } from './access.js';
import { evaluatePilot } from './evaluation.js';
import { recordsView } from './reviews.js';

const PERIOD_KEY = /^(\d{4})-(\d{2})$|^(\d{4})-W(\d{2})$/;

export async function kpiRecords(ctx: ServiceContext, actor: Actor, pilotId: string, key: string, periodKey?: string) {
  const { pilot, engagement } = await loadPilot(ctx, actor, pilotId);
  const kpis = await listPilotKpis(ctx.handle.db, [pilot.id]);
  if (!kpis.some((k) => k.key === key)) throw notFound('KPI');
  let unit: PeriodUnit | undefined;
  if (periodKey !== undefined) {
    const m = PERIOD_KEY.exec(periodKey);
    if (!m) throw invalidField('period', 'a month "2026-03" or an ISO week "2026-W10"');
    unit = m[1] ? 'month' : 'week';
  }
  const evaluation = await evaluatePilot(ctx.handle.db, engagement, pilot, kpis, { unit });
  const k = evaluation.kpis.find((x) => x.key === key)!;
  if (periodKey === undefined) return recordsView(k, null, evaluation.scope.asOf);
  const p = k.periods.find((x) => x.key === periodKey);
  if (!p) throw invalidField('period', `${periodKey} is not a period of this pilot (${k.periods[0]?.key ?? '—'} … ${k.periods[k.periods.length - 1]?.key ?? '—'})`);
  const per = periodOf(p.start, unit!);
  return recordsView(k, { key: per.key, start: per.start, end: per.end }, evaluation.scope.asOf);
}
