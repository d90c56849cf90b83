// Phase 3 in the demo: Nordlicht's serial pilot with Hengtai for the IP-5 pump housing (the model before the IP-7,
// already through its first two gates), started four months ago for six months. The first month went to the
// first-article approval; then two months of weekly call-offs, imported from Nordlicht's ERPNext exports, one of them
// a week late and one lot rejected at incoming inspection (anodising too thin). The month-1 review is done; the
// mid-point review is due. Two call-offs are confirmed for the coming days.
import { Readable } from 'node:stream';
import * as clock from '../clock.js';
import { fixedClock, setClock } from '../clock.js';
import { principalForCli } from '../services/accounts/accounts.js';
import { createEngagement, decideGate, respondToEngagement } from '../services/engagements/engagements.js';
import { postMessage } from '../services/engagements/messages.js';
import { importOrderFile } from '../services/pilots/order-imports.js';
import { ordersOverview, recordInspection } from '../services/pilots/orders.js';
import { createPilot, getPilot } from '../services/pilots/pilots.js';
import { addReviewComment, createPilotReview } from '../services/pilots/reviews.js';
import type { ServiceContext } from '../services/shared/context.js';
import { addDays, addMonths } from '../domain/pilots/periods.js';
import type { DemoIds } from './seed.js';

export const DEMO_PILOT_ENGAGEMENT = 'IP-5 infusion pump housings, series supply';
export const DEMO_PILOT_TITLE = 'Serial pilot IP-5 rear housing (NM-3310-B)';

const ITEM = 'NM-3310-B';

/** ERPNext purchase-order items: nine weekly call-offs from week 6, two more confirmed for the coming days. */
function ordersCsv(start: string, today: string): string {
  const rows = ['parent,idx,item_code,qty,uom,transaction_date,schedule_date,expected_delivery_date'];
  for (let i = 0; i < 9; i++) {
    const due = addDays(start, 42 + i * 7);
    rows.push(`PUR-ORD-2026-${String(210 + i).padStart(5, '0')},1,${ITEM},2000,Nos,${addDays(due, -35)},${due},${due}`);
  }
  for (const [k, inDays] of [[9, 4], [10, 11]] as const) {
    const due = addDays(today, inDays);
    rows.push(`PUR-ORD-2026-${String(210 + k).padStart(5, '0')},1,${ITEM},2000,Nos,${addDays(due, -35)},${due},${due}`);
  }
  return rows.join('\n') + '\n';
}

/** ERPNext purchase receipts: on the confirmed day or a day after, except call-off 4 (six days late). */
function receiptsCsv(start: string): string {
  const rows = ['parent,purchase_order,po_line,item_code,received_qty,rejected_qty,batch_no,posting_date'];
  for (let i = 0; i < 9; i++) {
    const due = addDays(start, 42 + i * 7);
    const at = i === 3 ? addDays(due, 6) : addDays(due, i % 3 === 1 ? 1 : 0);
    const rejected = i === 6 ? 31 : 0;
    rows.push(`MAT-PRE-2026-${String(480 + i).padStart(5, '0')},PUR-ORD-2026-${String(210 + i).padStart(5, '0')},1,${ITEM},2000,${rejected},HT-3310-${String(i + 1).padStart(2, '0')},${at}`);
  }
  return rows.join('\n') + '\n';
}

async function atTime<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const restore = setClock(fixedClock(iso));
  try {
    return await fn();
  } finally {
    restore();
  }
}

export async function seedPilotStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
  const jonas = await principalForCli(ctx, 'jonas.richter@nordlicht.example');
  const li = await principalForCli(ctx, 'li.wei@hengtai.example');
  const chen = await principalForCli(ctx, 'chen.jing@hengtai.example');
  const db = ctx.handle.db;
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const start = addMonths(today, -4);
  const end = addMonths(start, 6);
  const at = (date: string, hourUtc: number) => `${date}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;

  const e = await createEngagement(ctx, anna, {
    supplierOrganizationId: ids.organizations.hengtai,
    title: DEMO_PILOT_ENGAGEMENT,
    scope: {
      products: ['IP-5 housing, rear (NM-3310-B)'],
      categories: ['medical devices'],
      productLines: ['Line 1 housings'],
      expectedVolumes: [{ product: 'NM-3310-B', quantity: 8000, period: 'month' }],
      destinationCountry: 'DE',
      productMaturity: 'commercialized',
      regulatedSector: 'medical_devices',
    },
  });
  await respondToEngagement(ctx, li, e.id, 'accept', 'The IP-5 housing runs on line 1 today for another customer; we can start with first articles.');
  await decideGate(ctx, anna, e.id, {
    decision: 'advance',
    expectedPhase: 'credibility',
    rationale: 'Same legal entity, registration and certificates as in the IP-7 engagement; references checked there.',
    evidenceIds: [],
    override: true,
    overrideReason: 'Phase-1 evidence is on record in the IP-7 engagement with the same supplier.',
  });
  await decideGate(ctx, anna, e.id, {
    decision: 'advance',
    expectedPhase: 'capability_validation',
    rationale: 'Commercialized part built to our drawing rev F elsewhere; the first-article lot passed our incoming inspection.',
    evidenceIds: [],
    override: true,
    overrideReason: 'Capability shown by the first-article lot and Meridian’s audit of line 1; the pilot is the real test.',
  });
  // The engagement's steps on their days: opened seven months ago, phase 3 since just before the pilot.
  await db.updateTable('engagements').set({ created_at: at(addMonths(today, -7), 9), responded_at: at(addDays(addMonths(today, -7), 2), 2), phase_started_at: at(addDays(start, -3), 13) }).where('id', '=', e.id).execute();
  const steps = await db.selectFrom('gate_decisions').select(['id', 'to_phase']).where('engagement_id', '=', e.id).execute();
  for (const s of steps) {
    const day = s.to_phase === 'credibility' ? addDays(addMonths(today, -7), 2) : s.to_phase === 'capability_validation' ? addMonths(today, -6) : addDays(start, -3);
    await db.updateTable('gate_decisions').set({ decided_at: at(day, 13) }).where('id', '=', s.id).execute();
  }

  const pilot = await createPilot(ctx, anna, e.id, {
    title: DEMO_PILOT_TITLE,
    startDate: start,
    endDate: end,
    products: [{ product: ITEM, volume: 8000, unit: 'pcs', period: 'month' }],
    periodUnit: 'month',
    kpis: [
      { key: 'otd', params: { window: { before: 0, after: 3 }, basis: 'line' }, weight: 3 },
      { key: 'otif', params: { window: { before: 0, after: 3 } }, weight: 1 },
      { key: 'defect_ppm', target: 500, atRisk: 250, weight: 3 },
      { key: 'lot_acceptance', weight: 2 },
      { key: 'response_time', target: 2, atRisk: 1.5, weight: 1 },
      { key: 'update_cadence', weight: 1 },
      { key: 'accepted_share', label: 'Accepted share of received parts', formula: 'accepted_qty / received_qty * 100', unit: '%', direction: 'higher', target: 99.5, atRisk: 99.8, weight: 1 },
    ],
  });
  await db.updateTable('pilots').set({ created_at: at(addDays(start, -2), 9), updated_at: at(addDays(start, -2), 9) }).where('id', '=', pilot.id).execute();

  // The thread of the pilot: progress updates every two weeks or so, and technical questions answered.
  for (let d = 6, k = 0; d < 118; d += 13 + (k % 3), k++) {
    const week = Math.floor(d / 7) + 1;
    await postMessage(ctx, chen, e.id, { kind: 'progress_update', subject: `IP-5 pilot, week ${week}`, body: week < 6 ? 'First-article lot machined and measured; FAI report and CMM data attached to the PPAP folder.' : `Call-offs on plan; line 1 at ${86 + (k % 5)} % of planned output this fortnight.` }, at(addDays(start, d), 6));
  }
  const questions: [number, number, string, string, string][] = [
    [9, 10, 'Anodising thickness on the sealing face', 'What thickness do you measure on the sealing face, and where exactly?', 'We measure at three points per part with the Fischer gauge; the sealing face reads 14–16 µm. Drawing of the points attached.'],
    [51, 53, 'Packing of the call-offs', 'Can the call-offs come in returnable KLT boxes instead of cartons?', 'Yes, from call-off 5 on; we ordered 200 KLT 6429 boxes.'],
    [88, 89, 'Lot HT-3310-07', 'Lot 07 failed our incoming inspection on anodising thickness. What happened?', 'The rectifier of tank 2 drifted on that night shift; we sorted the lot and scrapped 31 parts. Root-cause report follows.'],
  ];
  for (const [asked, answered, subject, q, a] of questions) {
    const qid = await postMessage(ctx, jonas, e.id, { kind: 'technical_inquiry', subject, body: q }, at(addDays(start, asked), 8));
    await postMessage(ctx, chen, e.id, { kind: 'response', subject: `Re: ${subject}`, body: a, inReplyTo: qid }, at(addDays(start, answered), 3));
  }

  // Month 1: first articles only; reviewed the day after the point, its values frozen on that day.
  const points = (await getPilot(ctx, anna, pilot.id)).evaluationPoints;
  const month1 = points.find((p) => p.kind === 'month_1')!;
  const review = await atTime(at(addDays(month1.dueDate, 1), 14), () =>
    createPilotReview(ctx, anna, pilot.id, {
      evaluationPointId: month1.id,
      decision: 'continue',
      comment: 'First-article lot approved (FAI report, CMM data). No call-offs yet, so delivery KPIs show no data; response time and updates on plan. Serial call-offs start in week 6.',
      adjustments: [],
    }),
  );
  await atTime(at(addDays(month1.dueDate, 2), 2), () =>
    addReviewComment(ctx, li, pilot.id, review.id, { body: 'Thank you. Line 1 is reserved for the IP-5 call-offs on Tuesdays and Wednesdays.' }),
  );

  // Two months of call-offs and receipts, as Nordlicht's ERPNext exports them; imported on the day after the last one.
  const importDay = at(addDays(start, 42 + 8 * 7 + 2), 7);
  await atTime(importDay, async () => {
    await importOrderFile(ctx, anna, e.id, 'orders', Readable.from([Buffer.from(ordersCsv(start, today))]), { filename: 'Purchase Order Item export.csv' });
    await importOrderFile(ctx, anna, e.id, 'deliveries', Readable.from([Buffer.from(receiptsCsv(start))]), { filename: 'Purchase Receipt Item export.csv' });
  });
  // Lot 07 rejected at incoming inspection: 3 of 80 samples below 12 µm anodising (AQL 0.65, Ac 1).
  const overview = await ordersOverview(ctx, anna, e.id);
  const lot7 = overview.deliveries.find((d) => d.lot === 'HT-3310-07')!;
  await atTime(at(addDays(lot7.receivedAt, 1), 9), () =>
    recordInspection(ctx, anna, lot7.id, { inspectedAt: addDays(lot7.receivedAt, 1), inspectedQty: 80, rejectedQty: 3, decision: 'rejected', note: 'Anodising 10.8–11.6 µm on 3 of 80 (spec 12–18 µm); lot returned for sorting.' }),
  );
  for (const d of overview.deliveries.filter((x) => x.lot !== 'HT-3310-07' && x.lot && Number(x.lot.slice(-2)) % 3 === 0)) {
    await atTime(at(addDays(d.receivedAt, 1), 9), () => recordInspection(ctx, anna, d.id, { inspectedAt: addDays(d.receivedAt, 1), inspectedQty: 80, rejectedQty: 0, decision: 'accepted' }));
  }
}
