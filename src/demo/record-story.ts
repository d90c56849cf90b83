// The verifiable record in the demo: every record the other steps made is already in the log (the services
// append as they write). This step adds Nordlicht's earlier serial pilot with Hengtai — bracket sets for a syringe
// pump, deliveries on time and accepted — whose month-1 review passed, and the track-record credential Nordlicht
// issued after it. Hengtai holds the credential and can present it to Lakeshore, whose visit advisor then cites it.
import type { ServiceContext } from '../services/shared/context.js';
import { principalForCli } from '../services/accounts/accounts.js';
import { createEngagement, decideGate, respondToEngagement } from '../services/engagements/engagements.js';
import { createPilot, getPilot } from '../services/pilots/pilots.js';
import { recordDelivery, recordOrderLine } from '../services/pilots/orders.js';
import { createPilotReview } from '../services/pilots/reviews.js';
import { issueTrackRecordCredential } from '../services/record/credentials.js';
import type { DemoIds } from './seed.js';
import * as clock from '../clock.js';

const DAY = 86_400_000;
const day = (offset: number) => new Date(clock.nowMs() + offset * DAY).toISOString().slice(0, 10);

export async function seedRecordStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
  const li = await principalForCli(ctx, 'li.wei@hengtai.example');
  const e = await createEngagement(ctx, anna, {
    supplierOrganizationId: ids.organizations.hengtai,
    title: 'Syringe-pump bracket set SB-210',
    scope: {
      products: ['Bracket set SB-210 (syringe pump)'],
      categories: ['medical devices'],
      productLines: ['Line 1 housings'],
      expectedVolumes: [{ product: 'SB-210', quantity: 3000, period: 'month' }],
      destinationCountry: 'DE',
      productMaturity: 'commercialized',
    },
  });
  await respondToEngagement(ctx, li, e.id, 'accept', 'Same plant and QC team as the pump housings; happy to run a serial pilot.');
  await decideGate(ctx, anna, e.id, {
    decision: 'advance',
    expectedPhase: 'credibility',
    rationale: 'Credibility established in the pump-housing engagement: same legal entity, registration and certificates.',
    evidenceIds: [],
    override: true,
    overrideReason: 'Phase-1 evidence is on record in the pump-housing engagement with the same supplier.',
  });
  await decideGate(ctx, anna, e.id, {
    decision: 'advance',
    expectedPhase: 'capability_validation',
    rationale: 'Commercialized part, drawings unchanged from the previous supplier; samples passed first-article inspection.',
    evidenceIds: [],
    override: true,
    overrideReason: 'Capability shown on the housing line audited by Meridian; the bracket runs on the same machines.',
  });
  const start = day(-45);
  const pilot = await createPilot(ctx, anna, e.id, {
    title: 'Serial pilot SB-210',
    startDate: start,
    endDate: day(-45 + 120),
    products: [{ product: 'SB-210', volume: 3000, unit: 'pcs', period: 'month' }],
    periodUnit: 'month',
    kpis: [{ key: 'otd', params: { window: { before: 2, after: 2 } }, weight: 3 }, { key: 'defect_ppm', target: 500, atRisk: 250, weight: 2 }],
  });
  // Month 1: four call-offs, all delivered within the agreed window, none rejected at receipt.
  for (const [i, due] of [-40, -33, -26, -19].entries()) {
    const orderNo = `NL-PO-2611${i}`;
    await recordOrderLine(ctx, anna, e.id, { orderNo, line: '10', item: 'SB-210', orderedQty: 750, unit: 'pcs', orderedAt: day(due - 21), requestedDate: day(due), confirmedDate: day(due) });
    await recordDelivery(ctx, anna, e.id, { deliveryNo: `WE-${4410 + i}`, orderNo, line: '10', item: 'SB-210', receivedAt: day(due + (i === 2 ? 1 : 0)), receivedQty: 750, rejectedQty: 0, lot: `HT-SB-${2611 + i}`, unit: 'pcs' });
  }
  const view = (await getPilot(ctx, anna, pilot.id)) as { evaluationPoints: { id: string; kind: string }[] };
  const month1 = view.evaluationPoints.find((p) => p.kind === 'month_1') ?? view.evaluationPoints[0]!;
  const review = (await createPilotReview(ctx, anna, pilot.id, {
    evaluationPointId: month1.id,
    decision: 'continue',
    comment: 'All four call-offs arrived within the window, no rejects at receipt. Continue to the mid-point review.',
    adjustments: [],
  })) as { id: string };
  await issueTrackRecordCredential(ctx, anna, e.id, { source: { kind: 'pilot_review', id: review.id }, validMonths: 24 });
}
