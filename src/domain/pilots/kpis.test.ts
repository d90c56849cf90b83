// The KPI catalogue on one small, hand-checked pilot: eight order lines with every outcome (on time, late, early,
// not delivered, pending, partial), a rejected lot, an inspected lot, inquiries, corrective actions and updates.
import { describe, expect, it } from 'vitest';
import { catalogueRecords, prepare, type KpiRecord, type Scope } from './catalogue.js';
import { attainmentOf, evaluateKpis, kpiStatus, thresholdProblem, type KpiSpec } from './evaluate.js';
import { assessLine, matchDeliveries, parseWindow } from './orders.js';
import { EMPTY_KPI_DATA, type DeliveryRecord, type KpiData, type OrderLineRecord } from './records.js';

const line = (id: string, orderNo: string, lineNo: string, qty: number, due: string, extra: Partial<OrderLineRecord> = {}): OrderLineRecord => ({
  id,
  orderNo,
  line: lineNo,
  item: 'NM-4472-A',
  orderedQty: qty,
  unit: 'pcs',
  orderedAt: null,
  requestedDate: due,
  confirmedDate: due,
  ...extra,
});
const delivery = (id: string, orderNo: string, lineNo: string | null, at: string, qty: number, rejected = 0, lot: string | null = null): DeliveryRecord => ({
  id,
  deliveryNo: `GR-${id}`,
  orderNo,
  line: lineNo,
  item: null,
  receivedAt: at,
  receivedQty: qty,
  rejectedQty: rejected,
  lot,
});

const DATA: KpiData = {
  ...EMPTY_KPI_DATA,
  orderLines: [
    line('L1', 'PO-1', '10', 100, '2026-03-10', { orderedAt: '2026-02-05' }),
    line('L2', 'PO-1', '20', 100, '2026-03-10'),
    line('L3', 'PO-2', '10', 100, '2026-03-20', { confirmedDate: null, orderedAt: '2026-02-25' }),
    line('L4', 'PO-2', '20', 200, '2026-04-01'),
    line('L5', 'PO-3', '10', 100, '2026-04-10'),
    line('L6', 'PO-3', '20', 50, '2026-04-20'),
    line('L7', 'PO-4', '10', 100, '2026-05-09'),
    line('L8', 'PO-4', '20', 100, '2026-05-08'),
  ],
  deliveries: [
    delivery('d1', 'PO-1', '10', '2026-03-10', 100),
    delivery('d2', 'PO-1', '20', '2026-03-14', 100, 0, 'H-02'),
    delivery('d3a', 'PO-2', '10', '2026-03-22', 60),
    delivery('d3b', 'PO-2', '10', '2026-03-23', 40),
    delivery('d4', 'PO-2', '20', '2026-03-30', 200),
    delivery('d5', 'PO-3', '10', '2026-04-11', 100, 100, 'H-05'),
    delivery('d8', 'PO-4', '20', '2026-05-08', 50),
    // After the as-of day: not yet happened for this evaluation.
    delivery('d9', 'PO-4', '10', '2026-05-20', 100),
  ],
  inspections: [{ id: 'i2', deliveryId: 'd2', inspectedAt: '2026-03-15', inspectedQty: 20, rejectedQty: 1, decision: 'accepted' }],
  production: [
    { id: 'p1', periodStart: '2026-03-01T00:00:00.000Z', goodOutput: 980, scrap: 20 },
    { id: 'p2', periodStart: '2026-04-01T00:00:00.000Z', goodOutput: 490, scrap: 10 },
  ],
  inquiries: [
    { id: 'q1', askedAt: '2026-03-02T08:00:00.000Z', answeredAt: '2026-03-03T08:00:00.000Z', businessDays: 1 },
    { id: 'q2', askedAt: '2026-03-05T08:00:00.000Z', answeredAt: '2026-03-10T08:00:00.000Z', businessDays: 3 },
    { id: 'q3', askedAt: '2026-04-01T08:00:00.000Z', answeredAt: null, businessDays: 5 },
    { id: 'q4', askedAt: '2026-05-09T08:00:00.000Z', answeredAt: null, businessDays: 0.5 },
  ],
  correctiveActions: [
    { id: 'c1', dueAt: '2026-03-20T00:00:00.000Z', closedAt: '2026-03-18T00:00:00.000Z' },
    { id: 'c2', dueAt: '2026-04-10T00:00:00.000Z', closedAt: '2026-04-15T00:00:00.000Z' },
    { id: 'c3', dueAt: '2026-04-30T00:00:00.000Z', closedAt: null },
    { id: 'c4', dueAt: '2026-06-01T00:00:00.000Z', closedAt: null },
  ],
  progressUpdates: [
    { id: 'u1', sentAt: '2026-03-05T10:00:00.000Z' },
    { id: 'u2', sentAt: '2026-03-20T10:00:00.000Z' },
    { id: 'u3', sentAt: '2026-04-20T10:00:00.000Z' },
  ],
  cadenceDays: 14,
  quotedLeadTimeDays: 30,
};

const SCOPE: Scope = { from: '2026-03-01', to: '2026-08-31', asOf: '2026-05-10' };
const W = { before: 0, after: 3 };

const sums = (rs: KpiRecord[] | unknown) => {
  const list = rs as KpiRecord[];
  const counted = list.filter((r) => r.denominator > 0);
  return { n: counted.reduce((s, r) => s + r.numerator, 0), d: counted.reduce((s, r) => s + r.denominator, 0), ids: counted.map((r) => r.id) };
};

describe('order lines against their deliveries', () => {
  const p = prepare(DATA, SCOPE, W);
  const byId = new Map(p.lines.map((a) => [a.line.id, a]));
  const cases: [string, string, boolean | null, number | null][] = [
    ['L1', 'on_time', true, 0],
    ['L2', 'late', false, 4],
    ['L3', 'on_time', true, 2], // requested date (no confirmation), two partial deliveries inside the window
    ['L4', 'early', false, -2],
    ['L5', 'on_time', false, 1], // on time, but the whole lot was rejected: not in full
    ['L6', 'not_delivered', false, null],
    ['L7', 'pending', null, null], // window still open, nothing delivered: not counted yet
    ['L8', 'on_time', null, 0], // half delivered on time, window still open: OTIF undecided
  ];
  it.each(cases)('%s is %s, in full %s, %s days late', (id, timing, inFull, daysLate) => {
    const a = byId.get(id)!;
    expect(a.timing).toBe(timing);
    expect(a.inFull).toBe(inFull);
    expect(a.daysLate).toBe(daysLate);
  });

  it('matches a delivery without a line to the order’s only line, or by item, and reports the rest', () => {
    const lines = [line('A', 'PO-7', '1', 10, '2026-03-01'), line('B', 'PO-8', '1', 10, '2026-03-01'), line('C', 'PO-8', '2', 10, '2026-03-01', { item: 'OTHER' })];
    const { perLine, unmatched } = matchDeliveries(lines, [
      delivery('x', 'po-7', null, '2026-03-01', 10),
      { ...delivery('y', 'PO-8', null, '2026-03-01', 10), item: 'other' },
      delivery('z', 'PO-8', null, '2026-03-01', 10),
      delivery('w', 'PO-9', '1', '2026-03-01', 10),
    ]);
    expect(perLine.get('A')!.map((d) => d.id)).toEqual(['x']);
    expect(perLine.get('C')!.map((d) => d.id)).toEqual(['y']);
    expect(unmatched.map((d) => d.id)).toEqual(['z', 'w']);
  });

  it('a wider window turns the late line and the early line on time', () => {
    const wide = { before: 2, after: 5 };
    expect(assessLine(DATA.orderLines[1]!, [DATA.deliveries[1]!], wide, SCOPE.asOf).timing).toBe('on_time');
    expect(assessLine(DATA.orderLines[3]!, [DATA.deliveries[4]!], wide, SCOPE.asOf).timing).toBe('on_time');
  });

  const windows: [string, { before: number; after: number } | null][] = [
    ['-0,+3', { before: 0, after: 3 }],
    ['-1,+2', { before: 1, after: 2 }],
    ['0,3', { before: 0, after: 3 }],
    [' -2 , +5 ', { before: 2, after: 5 }],
    ['+3', null],
    ['-0;+3', null],
    ['a,b', null],
  ];
  it.each(windows)('window %j', (text, w) => expect(parseWindow(text)).toEqual(w));
});

describe('catalogue KPIs: numerator, denominator and the records counted', () => {
  const p = prepare(DATA, SCOPE, W);
  const cases: { key: Parameters<typeof catalogueRecords>[0]; params?: object; n: number; d: number; ids: string[] }[] = [
    { key: 'otd', n: 4, d: 7, ids: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L8'] },
    { key: 'otd', params: { basis: 'order' }, n: 0, d: 3, ids: ['PO-1', 'PO-2', 'PO-3'] },
    { key: 'otd', params: { basis: 'quantity' }, n: 300, d: 650, ids: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'] },
    { key: 'otif', n: 2, d: 6, ids: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'] },
    { key: 'defect_ppm', n: 101, d: 650, ids: ['d1', 'd2', 'd3a', 'd3b', 'd4', 'd5', 'd8'] },
    { key: 'lot_acceptance', n: 6, d: 7, ids: ['d1', 'd2', 'd3a', 'd3b', 'd4', 'd5', 'd8'] },
    { key: 'first_pass_yield', n: 1470, d: 1500, ids: ['p1', 'p2'] },
    { key: 'lead_time_adherence', n: 1, d: 2, ids: ['L1', 'L3'] },
    { key: 'capa_on_time', n: 1, d: 3, ids: ['c1', 'c2', 'c3'] },
    { key: 'update_cadence', n: 3, d: 5, ids: ['2026-03-01/2026-03-14', '2026-03-15/2026-03-28', '2026-03-29/2026-04-11', '2026-04-12/2026-04-25', '2026-04-26/2026-05-09'] },
  ];
  it.each(cases)('$key $params: $n / $d', ({ key, params, n, d, ids }) => {
    const s = sums(catalogueRecords(key, p, params ?? {}, 95));
    expect(s).toEqual({ n, d, ids });
  });

  it('response time is the median of answered inquiries and those open past the target', () => {
    const rs = catalogueRecords('response_time', p, {}, 2) as KpiRecord[];
    expect(rs.filter((r) => r.denominator > 0).map((r) => [r.id, r.sample, r.outcome])).toEqual([
      ['q1', 1, 'answered'],
      ['q2', 3, 'answered'],
      ['q3', 5, 'unanswered_overdue'],
    ]);
    expect(rs.find((r) => r.id === 'q4')).toMatchObject({ outcome: 'unanswered', denominator: 0 });
  });

  const missing: [Parameters<typeof catalogueRecords>[0], Partial<KpiData>, string][] = [
    ['capa_on_time', { correctiveActions: null }, 'source_missing'],
    ['update_cadence', { cadenceDays: null }, 'no_cadence'],
    ['lead_time_adherence', { quotedLeadTimeDays: null }, 'no_lead_time'],
  ];
  it.each(missing)('%s without its source says why (%s)', (key, patch, code) => {
    const r = catalogueRecords(key, prepare({ ...DATA, ...patch }, SCOPE, W), {}, 90);
    expect(r).toMatchObject({ code });
  });

  it('the KPI parameter of lead time wins over the supplier’s quoted lead time', () => {
    const s = sums(catalogueRecords('lead_time_adherence', p, { leadTimeDays: 45 }, 90));
    expect(s).toMatchObject({ n: 2, d: 2 });
  });
});

describe('status against target and at-risk threshold', () => {
  const cases: [number | null, number, number, 'higher' | 'lower', string][] = [
    [98, 95, 97, 'higher', 'met'],
    [97, 95, 97, 'higher', 'met'],
    [96, 95, 97, 'higher', 'at_risk'],
    [95, 95, 97, 'higher', 'at_risk'],
    [94.9, 95, 97, 'higher', 'missed'],
    [95, 95, 95, 'higher', 'met'],
    [200, 500, 250, 'lower', 'met'],
    [300, 500, 250, 'lower', 'at_risk'],
    [500, 500, 250, 'lower', 'at_risk'],
    [501, 500, 250, 'lower', 'missed'],
    [null, 95, 97, 'higher', 'no_data'],
    [Number.NaN, 95, 97, 'higher', 'no_data'],
  ];
  it.each(cases)('%s against %s (at risk %s, %s is better) → %s', (v, t, r, dir, status) => expect(kpiStatus(v, t, r, dir)).toBe(status));

  it('refuses a threshold on the wrong side of the target', () => {
    expect(thresholdProblem('higher', 95, 90)).toMatch(/at or above the target/);
    expect(thresholdProblem('lower', 500, 600)).toMatch(/at or below the target/);
    expect(thresholdProblem('higher', 95, 95)).toBeNull();
  });
});

describe('evaluateKpis: values, trend per period, no data', () => {
  const specs: KpiSpec[] = [
    { key: 'otd', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 95, atRisk: 97, weight: 3, params: { window: W } },
    { key: 'defect_ppm', kind: 'catalogue', unit: 'ppm', direction: 'lower', target: 500, atRisk: 250, weight: 2 },
    { key: 'response_time', kind: 'catalogue', unit: 'business_days', direction: 'lower', target: 4, atRisk: 2, weight: 1 },
    { key: 'capa_on_time', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 90, atRisk: 95, weight: 1 },
    { key: 'acceptance', kind: 'custom', formula: 'accepted_qty / received_qty * 100', unit: '%', direction: 'higher', target: 98, atRisk: 99, weight: 1 },
  ];
  const r = evaluateKpis(specs, { ...DATA, correctiveActions: null }, SCOPE, 'month');
  const k = (key: string) => r.kpis.find((x) => x.key === key)!;

  it('computes the whole-pilot values and statuses', () => {
    expect(k('otd')).toMatchObject({ value: 57.14, status: 'missed', numerator: 4, denominator: 7, counted: 7 });
    expect(k('defect_ppm')).toMatchObject({ value: 155385, status: 'missed' });
    expect(k('response_time')).toMatchObject({ value: 3, status: 'at_risk' });
    expect(k('capa_on_time')).toMatchObject({ value: null, status: 'no_data', noData: { code: 'source_missing' } });
    expect(k('acceptance')).toMatchObject({ value: 84.62, status: 'missed' });
  });

  it('gives one value per month, with no data (never 0 %) for months without records', () => {
    expect(k('otd').periods.map((p) => [p.key, p.value, p.status])).toEqual([
      ['2026-03', 66.67, 'missed'],
      ['2026-04', 33.33, 'missed'],
      ['2026-05', 100, 'met'],
    ]);
    expect(k('acceptance').periods.map((p) => [p.key, p.value, p.noData?.code ?? null])).toEqual([
      ['2026-03', 100, null],
      ['2026-04', 0, null],
      ['2026-05', 100, null],
    ]);
    const later = evaluateKpis(specs, DATA, { ...SCOPE, asOf: '2026-06-20' }, 'month');
    const june = later.kpis.find((x) => x.key === 'acceptance')!.periods.find((p) => p.key === '2026-06')!;
    expect(june).toMatchObject({ value: null, status: 'no_data', noData: { code: 'quantity_missing', params: { quantity: 'accepted_qty' } } });
    const juneOtd = later.kpis.find((x) => x.key === 'otd')!.periods.find((p) => p.key === '2026-06')!;
    expect(juneOtd).toMatchObject({ value: null, status: 'no_data', noData: { code: 'no_records' } });
  });

  it('every value opens to the records that made it', () => {
    const april = k('otd').periods.find((p) => p.key === '2026-04')!;
    const records = k('otd').records.filter((x) => x.date >= april.start && x.date <= april.end && x.denominator > 0);
    expect(records.map((x) => [x.label, x.outcome])).toEqual([
      ['PO-2 / 20', 'early'],
      ['PO-3 / 10', 'on_time'],
      ['PO-3 / 20', 'not_delivered'],
    ]);
    expect(records[1]!.refs).toEqual([{ source: 'delivery', id: 'd5' }]);
  });

  it('a custom ratio whose divisor is 0 in a period is no data with the divisor named', () => {
    const zero = evaluateKpis(
      [{ key: 'rejects', kind: 'custom', formula: 'lots_rejected / (lots - lots_accepted)', unit: '', direction: 'lower', target: 1, atRisk: 1, weight: 1 }],
      DATA,
      SCOPE,
      'month',
    ).kpis[0]!;
    expect(zero.periods[0]).toMatchObject({ key: '2026-03', value: null, noData: { code: 'zero_divisor', params: { divisor: '(lots - lots_accepted)' } } });
  });

  it('weekly buckets follow ISO weeks', () => {
    const weekly = evaluateKpis([specs[0]!], DATA, SCOPE, 'week').kpis[0]!;
    expect(weekly.periods[0]!.key).toBe('2026-W09');
    expect(weekly.periods.find((p) => p.key === '2026-W11')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
  });

  it('attainment is the share of weight meeting its target, without the KPIs that have no data', () => {
    expect(r.attainment).toEqual({ value: 14.3, metWeight: 1, totalWeight: 7, noData: ['capa_on_time'] });
    expect(attainmentOf([{ key: 'a', status: 'no_data', weight: 1 }])).toEqual({ value: null, metWeight: 0, totalWeight: 0, noData: ['a'] });
  });

  it('a pilot with no records at all shows no data everywhere', () => {
    const empty = evaluateKpis(specs, EMPTY_KPI_DATA, SCOPE, 'month');
    for (const kpi of empty.kpis) {
      expect(kpi.value).toBeNull();
      expect(kpi.status).toBe('no_data');
      for (const p of kpi.periods) expect(p.value).toBeNull();
    }
  });
});

describe('evaluateKpis without the trend (a portfolio: each pilot’s status only)', () => {
  const specs: KpiSpec[] = [
    { key: 'otd', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 95, atRisk: 97, weight: 3, params: { window: W } },
    { key: 'otif', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 95, atRisk: 97, weight: 1, params: { basis: 'order' } },
    { key: 'defect_ppm', kind: 'catalogue', unit: 'ppm', direction: 'lower', target: 500, atRisk: 250, weight: 2 },
    { key: 'lot_acceptance', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 98, atRisk: 99, weight: 1 },
    { key: 'first_pass_yield', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 97, atRisk: 98, weight: 1 },
    { key: 'lead_time_adherence', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 90, atRisk: 95, weight: 1 },
    { key: 'response_time', kind: 'catalogue', unit: 'business_days', direction: 'lower', target: 4, atRisk: 2, weight: 1 },
    { key: 'capa_on_time', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 90, atRisk: 95, weight: 1 },
    { key: 'update_cadence', kind: 'catalogue', unit: 'percent', direction: 'higher', target: 90, atRisk: 95, weight: 1 },
    { key: 'acceptance', kind: 'custom', formula: 'accepted_qty / received_qty * 100', unit: '%', direction: 'higher', target: 98, atRisk: 99, weight: 1 },
    { key: 'broken', kind: 'custom', formula: 'accepted_qty / ', unit: '%', direction: 'higher', target: 98, atRisk: 99, weight: 1 },
  ];

  it.each(['month', 'week'] as const)('gives the same values, statuses, records and attainment as with the trend per %s', (unit) => {
    for (const asOf of ['2026-03-01', SCOPE.asOf, '2026-09-30']) {
      const full = evaluateKpis(specs, DATA, { ...SCOPE, asOf }, unit);
      const span = evaluateKpis(specs, DATA, { ...SCOPE, asOf }, unit, { periods: false });
      expect(span.attainment).toEqual(full.attainment);
      expect(span.kpis).toEqual(full.kpis.map((k) => ({ ...k, periods: [] })));
      expect(full.kpis.some((k) => k.periods.length > 0)).toBe(true);
    }
  });
});
