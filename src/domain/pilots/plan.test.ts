import { describe, expect, it } from 'vitest';
import { checkEvaluationPoints, checkPilotDates, checkReview, defaultEvaluationPoints, pilotLength, pointState, resolveKpis, type KpiTargets } from './plan.js';

describe('pilot dates', () => {
  const cases: [string, string, string | null, string[]][] = [
    ['2026-01-15', '2026-07-15', null, []],
    ['2026-01-15', '2026-04-15', null, []],
    ['2026-02-01', '2026-05-01', null, []],
    ['2026-01-15', '2026-03-15', null, ['durationReason']],
    ['2026-01-15', '2026-03-15', 'Short bridge order while the second source is qualified', []],
    ['2026-01-15', '2026-09-15', null, ['durationReason']],
    ['2026-01-15', '2026-09-15', '   ', ['durationReason']],
    ['2026-01-15', '2026-01-15', 'x', ['endDate']],
    ['2026-01-15', '2026-01-01', 'x', ['endDate']],
    ['2026-02-30', '2026-06-01', null, ['startDate']],
    ['2026-01-15', '2030-01-15', 'x', ['endDate']],
  ];
  it.each(cases)('%s → %s (reason %j) faults %j', (start, end, reason, fields) => {
    expect(checkPilotDates(start, end, reason).map((f) => f.field)).toEqual(fields);
  });

  it('says how long the pilot is', () => {
    expect(pilotLength('2026-01-15', '2026-03-15')).toEqual({ months: 2, inRange: false });
    expect(pilotLength('2026-01-15', '2026-07-15')).toEqual({ months: 6, inRange: true });
    expect(pilotLength('2026-01-15', '2026-07-25')).toEqual({ months: 6.3, inRange: false });
  });
});

describe('evaluation points', () => {
  it('defaults to month 1, mid-point and final', () => {
    expect(defaultEvaluationPoints('2026-01-15', '2026-07-15')).toEqual([
      { kind: 'month_1', label: null, dueDate: '2026-02-15' },
      { kind: 'mid_point', label: null, dueDate: '2026-04-15' },
      { kind: 'final', label: null, dueDate: '2026-07-15' },
    ]);
  });
  it('leaves month 1 out of a pilot too short for it', () => {
    expect(defaultEvaluationPoints('2026-01-01', '2026-02-20').map((p) => p.kind)).toEqual(['mid_point', 'final']);
  });

  const checks: [string, Parameters<typeof checkEvaluationPoints>[0], string[]][] = [
    ['the defaults', defaultEvaluationPoints('2026-01-15', '2026-07-15'), []],
    ['no final', [{ kind: 'mid_point', label: null, dueDate: '2026-04-15' }], ['evaluationPoints']],
    ['two finals', [{ kind: 'final', label: null, dueDate: '2026-04-15' }, { kind: 'final', label: null, dueDate: '2026-07-15' }], ['evaluationPoints']],
    ['a point after the final', [{ kind: 'final', label: null, dueDate: '2026-06-15' }, { kind: 'custom', label: 'Extra', dueDate: '2026-07-01' }], ['evaluationPoints']],
    ['a point on the start day', [{ kind: 'month_1', label: null, dueDate: '2026-01-15' }, { kind: 'final', label: null, dueDate: '2026-07-15' }], ['evaluationPoints.0.dueDate']],
    ['a custom point without a name', [{ kind: 'custom', label: ' ', dueDate: '2026-03-01' }, { kind: 'final', label: null, dueDate: '2026-07-15' }], ['evaluationPoints.0.label']],
  ];
  it.each(checks)('%s', (_name, points, fields) => {
    expect(checkEvaluationPoints(points, '2026-01-15', '2026-07-15').map((f) => f.field)).toEqual(fields);
  });

  const states: [string, boolean, string, string][] = [
    ['2026-05-01', true, '2026-06-01', 'reviewed'],
    ['2026-05-01', false, '2026-05-02', 'overdue'],
    ['2026-05-01', false, '2026-05-01', 'due'],
    ['2026-05-08', false, '2026-05-01', 'due'],
    ['2026-05-09', false, '2026-05-01', 'upcoming'],
  ];
  it.each(states)('a point due %s (reviewed %s) on %s is %s', (due, reviewed, asOf, state) => expect(pointState(due, reviewed, asOf)).toBe(state));
  it('a point left unreviewed when the pilot ended is skipped, not overdue', () => expect(pointState('2026-05-01', false, '2026-06-01', true)).toBe('skipped'));
});

describe('review decisions', () => {
  const kpis: KpiTargets[] = [
    { key: 'otd', direction: 'higher', target: 95, atRisk: 97, weight: 3 },
    { key: 'defect_ppm', direction: 'lower', target: 500, atRisk: 250, weight: 2 },
  ];
  const cases: [string, Parameters<typeof checkReview>[0], string[], number][] = [
    ['continue at month 1', { decision: 'continue', pointKind: 'month_1', adjustments: [] }, [], 0],
    ['stop at mid-point', { decision: 'stop', pointKind: 'mid_point', adjustments: [] }, [], 0],
    ['pass at the final', { decision: 'continue', pointKind: 'final', adjustments: [] }, [], 0],
    ['adjust at the final', { decision: 'adjust', pointKind: 'final', adjustments: [{ key: 'otd', target: 92 }] }, ['decision'], 1],
    ['adjust without a change', { decision: 'adjust', pointKind: 'mid_point', adjustments: [] }, ['adjustments'], 0],
    ['adjust to the same values', { decision: 'adjust', pointKind: 'mid_point', adjustments: [{ key: 'otd', target: 95 }] }, ['adjustments'], 0],
    ['changes with "continue"', { decision: 'continue', pointKind: 'mid_point', adjustments: [{ key: 'otd', target: 92 }] }, ['adjustments'], 1],
    ['an unknown KPI', { decision: 'adjust', pointKind: 'mid_point', adjustments: [{ key: 'oee', target: 80 }] }, ['adjustments.0.key'], 0],
    ['a threshold on the wrong side', { decision: 'adjust', pointKind: 'mid_point', adjustments: [{ key: 'otd', atRisk: 90 }] }, ['adjustments.0.atRisk'], 1],
    ['lower the OTD target and the PPM weight', { decision: 'adjust', pointKind: 'mid_point', adjustments: [{ key: 'otd', target: 92, atRisk: 95 }, { key: 'defect_ppm', weight: 1 }] }, [], 3],
  ];
  it.each(cases)('%s', (_name, input, fields, changes) => {
    const r = checkReview(input, kpis);
    expect(r.faults.map((f) => f.field)).toEqual(fields);
    expect(r.changes).toHaveLength(changes);
  });

  it('records each change from → to and gives the new targets', () => {
    const r = checkReview({ decision: 'adjust', pointKind: 'month_1', adjustments: [{ key: 'otd', target: 92, atRisk: 95 }] }, kpis);
    expect(r.changes).toEqual([
      { key: 'otd', field: 'target', from: 95, to: 92 },
      { key: 'otd', field: 'atRisk', from: 97, to: 95 },
    ]);
    expect(r.next[0]).toMatchObject({ target: 92, atRisk: 95 });
    expect(kpis[0]).toMatchObject({ target: 95, atRisk: 97 });
  });
});

describe('resolveKpis', () => {
  it('completes catalogue KPIs with their defaults and checks custom formulas', () => {
    const r = resolveKpis([
      { key: 'otd', params: { window: { before: 0, after: 3 } }, weight: 3 },
      { key: 'defect_ppm', target: 300 },
      { key: 'acceptance', formula: 'accepted_qty / received_qty * 100', direction: 'higher', target: 98, atRisk: 99, unit: '%' },
    ]);
    expect(r.faults).toEqual([]);
    expect(r.kpis.map((k) => [k.key, k.kind, k.direction, k.target, k.atRisk, k.weight])).toEqual([
      ['otd', 'catalogue', 'higher', 95, 97, 3],
      ['defect_ppm', 'catalogue', 'lower', 300, 300, 1],
      ['acceptance', 'custom', 'higher', 98, 99, 1],
    ]);
  });

  const bad: [string, Parameters<typeof resolveKpis>[0], string, RegExp][] = [
    ['a formula with an unknown quantity', [{ key: 'x_rate', formula: 'accepted_qty / recieved_qty', direction: 'higher', target: 1 }], 'kpis.0.formula', /^at position 15: unknown quantity "recieved_qty"/],
    ['a formula dividing by zero', [{ key: 'x_rate', formula: 'accepted_qty / 0', direction: 'higher', target: 1 }], 'kpis.0.formula', /^at position 13: division by zero/],
    ['a malformed formula', [{ key: 'x_rate', formula: 'accepted_qty / (received_qty', direction: 'higher', target: 1 }], 'kpis.0.formula', /^at position 15: this parenthesis is never closed/],
    ['__proto__ as a formula', [{ key: 'x_rate', formula: '__proto__', direction: 'higher', target: 1 }], 'kpis.0.formula', /unknown quantity "__proto__"/],
    ['a custom KPI without a formula', [{ key: 'x_rate', direction: 'higher', target: 1 }], 'kpis.0.formula', /formula over recorded quantities/],
    ['a custom KPI without a target', [{ key: 'x_rate', formula: 'lots', direction: 'higher' }], 'kpis.0.target', /needs a target/],
    ['an unknown key', [{ key: 'OEE!', formula: 'lots', direction: 'higher', target: 1 }], 'kpis.0.key', /neither a catalogue KPI/],
    ['a catalogue KPI the other way round', [{ key: 'defect_ppm', direction: 'higher' }], 'kpis.0.direction', /lower is better/],
    ['a parameter the KPI does not read', [{ key: 'defect_ppm', params: { basis: 'order' } }], 'kpis.0.params', /does not read basis/],
    ['a threshold on the wrong side', [{ key: 'otd', target: 95, atRisk: 90 }], 'kpis.0.atRisk', /at or above the target/],
    ['the same KPI twice', [{ key: 'otd' }, { key: 'otd' }], 'kpis.1.key', /same KPI as number 1/],
  ];
  it.each(bad)('refuses %s', (_n, drafts, field, message) => {
    const r = resolveKpis(drafts);
    expect(r.faults[0]).toMatchObject({ field });
    expect(r.faults[0]!.message).toMatch(message);
  });
});
