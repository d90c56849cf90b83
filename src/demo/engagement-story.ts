// The engagement part of the demo story: Ningbo Hengtai's profile and evidence, Nordlicht's engagement past its
// first gate, and Lakeshore's price-driven request. Goes through the same services a user goes through.
import { Readable } from 'node:stream';
import type { Actor } from '../services/shared/authz.js';
import { principalForCli } from '../services/accounts/accounts.js';
import type { ServiceContext } from '../services/shared/context.js';
import { addEvidenceToEngagement } from '../services/engagements/shared-evidence.js';
import { createEngagement, decideGate, respondToEngagement } from '../services/engagements/engagements.js';
import { recordOwnEvidence } from '../services/engagements/evidence.js';
import { uploadFile } from '../services/files/files.js';
import { postMessage } from '../services/engagements/messages.js';
import { createClaim, createSite } from '../services/engagements/profile.js';
import { demoPdf } from './documents.js';
import type { DemoIds } from './seed.js';
import * as clock from '../clock.js';

const DAY = 86_400_000;

/** Demo timestamps are relative to the day the workspace is seeded, so the story is always "in progress". */
function daysAgo(n: number, hourUtc = 2): string {
  const d = new Date(clock.nowMs() - n * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
}
function isoDate(offsetDays: number): string {
  return new Date(clock.nowMs() + offsetDays * DAY).toISOString().slice(0, 10);
}

async function pdfFile(ctx: ServiceContext, actor: Actor, filename: string, title: string, lines: string[]) {
  const buf = await demoPdf(title, lines);
  return (await uploadFile(ctx, actor, Readable.from(buf), filename)).id;
}

export async function seedEngagementStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const hengtai = await principalForCli(ctx, 'li.wei@hengtai.example');
  const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
  const jonas = await principalForCli(ctx, 'jonas.richter@nordlicht.example');
  const mike = await principalForCli(ctx, 'mike.carlson@lakeshore.example');
  const chen = await principalForCli(ctx, 'chen.jing@hengtai.example');
  const supplierId = ids.organizations.hengtai;

  // --- supplier profile -------------------------------------------------------------------------------------
  const plant = await createSite(ctx, hengtai, supplierId, {
    name: 'Beilun Plant 1',
    address: '16 Mingzhou West Road, Beilun District, Ningbo, Zhejiang 315800',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    processes: ['5-axis CNC machining', 'deburring', 'CMM inspection', 'clean-room packing'],
    headcount: 312,
  });
  const line1 = await createClaim(ctx, hengtai, supplierId, {
    type: 'capacity', title: 'Machined aluminium housings, line 1 (DMG Mori, 12 cells)', productLine: 'Line 1 housings', siteId: plant.id,
    value: 24000, unit: 'pcs', period: 'month', statedLimit: 26000, attributes: { shifts: '2 × 10 h', note: 'limit assumes Saturday shifts' },
  });
  const line2 = await createClaim(ctx, hengtai, supplierId, {
    type: 'capacity', title: 'Machined aluminium housings, line 2 (Brother Speedio, 8 cells)', productLine: 'Line 2 housings', siteId: plant.id,
    value: 16000, unit: 'pcs', period: 'month', statedLimit: 18000, attributes: { shifts: '2 × 10 h' },
  });
  await createClaim(ctx, hengtai, supplierId, { type: 'lead_time', title: 'Lead time from PO to FOB Ningbo', value: 35, unit: 'days', attributes: { incoterm: 'FOB Ningbo' } });
  await createClaim(ctx, hengtai, supplierId, { type: 'moq', title: 'Minimum order per part number', value: 2000, unit: 'pcs', attributes: {} });
  const iso9001Claim = await createClaim(ctx, hengtai, supplierId, {
    type: 'certification', title: 'ISO 9001:2015 certified', attributes: { standard: 'ISO 9001', issuer: 'TÜV Rheinland (Shanghai)', certificateNumber: '01 100 2318406' },
  });
  const iso13485Claim = await createClaim(ctx, hengtai, supplierId, {
    type: 'certification', title: 'ISO 13485:2016 certified for machining of medical device components', attributes: { standard: 'ISO 13485', issuer: 'TÜV Rheinland (Shanghai)', certificateNumber: 'SX 60158732 0001' },
  });
  const qcClaim = await createClaim(ctx, hengtai, supplierId, {
    type: 'qc_process', title: 'Control plan CP-IP7 with 100 % CMM check of bore Ø 32 H7 and first-article inspection per lot', attributes: { procedure: 'QP-08 Inspection and testing' },
  });
  await createClaim(ctx, hengtai, supplierId, { type: 'process_capability', title: 'Bore Ø 32 H7: Cpk ≥ 1.33 on both lines', value: 1.33, attributes: { characteristic: 'bore diameter' } });
  await createClaim(ctx, hengtai, supplierId, {
    type: 'limitation', title: 'Anodising is subcontracted (Cixi Huaguang Surface Treatment); at most 8,000 parts a week through that partner', attributes: {},
  });

  // --- supplier evidence library --------------------------------------------------------------------------
  const registryPdf = await pdfFile(ctx, hengtai, 'hengtai-business-licence-extract.pdf', 'National Enterprise Credit Information Publicity System — extract', [
    'Enterprise name: Ningbo Hengtai Precision Co., Ltd.', 'Unified Social Credit Code: 91330200MA2H2KGP8X', 'Registered capital: CNY 30,000,000',
    'Established: 2013-04-18', 'Registered address: 16 Mingzhou West Road, Beilun District, Ningbo', 'Business scope: precision machining of metal parts; surface treatment (subcontracted)',
  ]);
  const registration = await recordOwnEvidence(ctx, hengtai, {
    kind: 'registration', provenance: 'documented', title: 'Business licence registry extract (USCC 91330200MA2H2KGP8X)', issuer: 'Ningbo Administration for Market Regulation',
    issuedAt: daysAgo(40).slice(0, 10), attributes: { identifier: '91330200MA2H2KGP8X', scheme: 'cn-uscc' }, fileIds: [registryPdf], links: [],
  });
  const iso9001Pdf = await pdfFile(ctx, hengtai, 'iso9001-certificate.pdf', 'Certificate ISO 9001:2015', [
    'Certificate No. 01 100 2318406', 'Ningbo Hengtai Precision Co., Ltd.', 'Scope: CNC machining of aluminium and stainless-steel components', 'Issued by TÜV Rheinland (Shanghai) Co., Ltd., accredited by CNAS',
  ]);
  const iso9001 = await recordOwnEvidence(ctx, hengtai, {
    kind: 'certificate', provenance: 'documented', title: 'ISO 9001:2015 certificate 01 100 2318406', issuer: 'TÜV Rheinland (Shanghai) Co., Ltd.',
    validFrom: isoDate(-700), validTo: isoDate(395), attributes: { standard: 'ISO 9001', scope: 'CNC machining of aluminium and stainless-steel components', accreditation: 'CNAS' },
    fileIds: [iso9001Pdf], links: [{ claimId: iso9001Claim.id, effect: 'supports' }],
  });
  const iso13485Pdf = await pdfFile(ctx, hengtai, 'iso13485-certificate.pdf', 'Certificate ISO 13485:2016', [
    'Certificate No. SX 60158732 0001', 'Ningbo Hengtai Precision Co., Ltd.', 'Scope: machining of housings and structural parts for medical devices', 'Issued by TÜV Rheinland (Shanghai) Co., Ltd.',
  ]);
  // Expires in seven weeks: the engagement shows the 60-day warning until the renewal audit is uploaded.
  const iso13485 = await recordOwnEvidence(ctx, hengtai, {
    kind: 'certificate', provenance: 'documented', title: 'ISO 13485:2016 certificate SX 60158732 0001', issuer: 'TÜV Rheinland (Shanghai) Co., Ltd.',
    validFrom: isoDate(-1046), validTo: isoDate(49), attributes: { standard: 'ISO 13485', scope: 'Machining of housings and structural parts for medical devices', accreditation: 'CNAS' },
    fileIds: [iso13485Pdf], links: [{ claimId: iso13485Claim.id, effect: 'supports' }],
  });
  const controlPlanPdf = await pdfFile(ctx, hengtai, 'control-plan-CP-IP7.pdf', 'Control plan CP-IP7 — infusion pump housing', [
    'Op 10 saw cut — length 182 ±0.5', 'Op 20 5-axis machining — bore Ø 32 H7, 100 % CMM', 'Op 30 deburr — visual, 100 %', 'Op 40 anodise (subcontracted) — thickness 15 ±3 µm, AQL 1.0', 'Op 50 final inspection — ISO 2859-1 level II, AQL 0.65 major',
  ]);
  const controlPlan = await recordOwnEvidence(ctx, hengtai, {
    kind: 'qc_procedure', provenance: 'documented', title: 'Control plan CP-IP7 and procedure QP-08 Inspection and testing', issuer: 'Ningbo Hengtai Quality Dept.',
    issuedAt: daysAgo(20).slice(0, 10), attributes: { document: 'CP-IP7 rev C' }, fileIds: [controlPlanPdf], links: [{ claimId: qcClaim.id, effect: 'supports' }],
  });

  // --- Nordlicht's engagement, past its first gate ------------------------------------------------------
  const e = await createEngagement(ctx, anna, {
    supplierOrganizationId: supplierId,
    title: 'IP-7 infusion pump housings, 2027 supply',
    scope: {
      products: ['IP-7 housing, front (NM-4471-A)', 'IP-7 housing, rear (NM-4472-A)'],
      categories: ['medical devices'],
      productLines: ['Line 1 housings', 'Line 2 housings'],
      expectedVolumes: [{ product: 'IP-7 housing set', quantity: 9000, period: 'month' }],
      destinationCountry: 'DE',
      productMaturity: 'custom',
      regulatedSector: 'medical_devices',
    },
  });
  await respondToEngagement(ctx, hengtai, e.id, 'accept', 'We would be glad to support the IP-7 programme.');
  for (const ev of [registration, iso9001, iso13485, controlPlan]) await addEvidenceToEngagement(ctx, hengtai, e.id, { evidenceId: ev.id });

  const refs = [
    ['Reference: Medivance AG (Switzerland), 4 years of supply', 'Medivance AG, Purchasing — reference checked by phone with Dr. K. Baumann'],
    ['Reference: Sanaro Medical BV (Netherlands), 2 years of supply', 'Sanaro Medical BV — signed reference letter, confirmed by e-mail'],
  ] as const;
  for (const [title, issuer] of refs) {
    const letter = await pdfFile(ctx, anna, `${title.slice(11, 30).replace(/\W+/g, '-')}.pdf`, title, [issuer, 'On-time delivery above 96 % over the period; two NCRs, both closed with 8D reports within 30 days.']);
    await addEvidenceToEngagement(ctx, anna, e.id, {
      kind: 'testimonial', provenance: 'third_party', title, issuer, issuedAt: daysAgo(30).slice(0, 10), attributes: {}, fileIds: [letter], links: [],
    });
  }

  const inquiries: [string, string, string, number, number][] = [
    ['Bore tolerance', 'Can you hold Ø 32 H7 on the rear housing with your current fixtures, and how do you verify it?', 'Yes. Line 1 holds H7 with hydraulic fixtures; we check 100 % on the Zeiss CMM and keep the data per lot.', 38, 37],
    ['Anodising thickness', 'Which anodising thickness and sealing do you specify, and who does the anodising?', 'Type II, 15 ±3 µm, hot-sealed. Anodising is done by our partner Cixi Huaguang; we inspect thickness on receipt (AQL 1.0).', 34, 33],
    ['Material certificates', 'Do you keep EN 10204 3.1 certificates for each 6061-T6 bar lot?', 'Yes, 3.1 certificates per heat, linked to our lot numbers; we can share them with each shipment.', 27, 26],
    ['Capacity for ramp-up', 'If we need 12,000 sets a month in Q3, what would limit you?', 'Machining would not; the anodising partner would (8,000 parts a week). We would add a second anodiser, qualified with you first.', 20, 18],
  ];
  for (const [subject, q, a, askedDaysAgo, answeredDaysAgo] of inquiries) {
    const qid = await postMessage(ctx, jonas, e.id, { kind: 'technical_inquiry', subject, body: q }, daysAgo(askedDaysAgo, 8));
    await postMessage(ctx, chen, e.id, { kind: 'response', subject: `Re: ${subject}`, body: a, inReplyTo: qid }, daysAgo(answeredDaysAgo, 3));
  }
  await postMessage(ctx, hengtai, e.id, {
    kind: 'proactive_disclosure', subject: 'Anodising is subcontracted',
    body: 'For transparency: anodising is done by Cixi Huaguang Surface Treatment, 40 km from our plant. Their weekly limit is 8,000 parts; we can share their audit report.',
  }, daysAgo(25, 4));
  await postMessage(ctx, hengtai, e.id, { kind: 'progress_update', subject: 'Sample lot status', body: 'Fixtures for NM-4471-A are finished; 30 samples will be machined next week.' }, daysAgo(6, 5));

  await decideGate(ctx, anna, e.id, {
    decision: 'advance',
    expectedPhase: 'credibility',
    rationale: 'Registration and both certifications verified, two references checked, technical questions answered within a day on average. ISO 13485 renewal audit is due in January; we track it.',
    evidenceIds: [registration.id, iso9001.id, iso13485.id],
    override: false,
  }).catch(async () =>
    // Should a requirement be unmet on the day the demo is seeded, the story records the override openly.
    decideGate(ctx, anna, e.id, {
      decision: 'advance',
      expectedPhase: 'credibility',
      rationale: 'Registration and both certifications verified, two references checked, technical questions answered quickly.',
      evidenceIds: [registration.id, iso9001.id, iso13485.id],
      override: true,
      overrideReason: 'Remaining phase-1 items are followed up in phase 2.',
    }),
  );

  // The story happened over the last six weeks: place the engagement's steps on those days.
  const db = ctx.handle.db;
  await db.updateTable('engagements').set({ created_at: daysAgo(45, 9), responded_at: daysAgo(44, 2) }).where('id', '=', e.id).execute();
  const steps = await db.selectFrom('gate_decisions').select(['id', 'decision']).where('engagement_id', '=', e.id).execute();
  for (const s of steps) {
    const at = s.decision === 'accept' ? daysAgo(44, 2) : daysAgo(12, 14);
    await db.updateTable('gate_decisions').set({ decided_at: at }).where('id', '=', s.id).execute();
  }
  await db.updateTable('engagements').set({ phase_started_at: daysAgo(12, 14) }).where('id', '=', e.id).execute();
  await db.updateTable('engagement_evidence').set({ shared_at: daysAgo(43, 3) }).where('engagement_id', '=', e.id).execute();

  // --- Lakeshore: asks mostly about price ---------------------------------------------------------------
  const l = await createEngagement(ctx, mike, {
    supplierOrganizationId: supplierId,
    title: 'Stove burner housings, quote',
    scope: { products: ['Burner housing BH-2 (aluminium)'], categories: ['outdoor equipment'], productLines: ['Line 2 housings'], expectedVolumes: [{ product: 'BH-2', quantity: 5000, period: 'month' }], destinationCountry: 'US', productMaturity: 'commercialized' },
  });
  await respondToEngagement(ctx, hengtai, l.id, 'accept');
  const p1 = await postMessage(ctx, mike, l.id, { kind: 'technical_inquiry', subject: 'Price', body: 'What is your best price per piece at 5,000 a month? We need to beat our current supplier by 15 %.' }, daysAgo(9, 15));
  await postMessage(ctx, hengtai, l.id, { kind: 'response', subject: 'Re: Price', body: 'USD 3.40 FOB Ningbo at 5,000/month. Could you send the drawing and the alloy specification so we can confirm?', inReplyTo: p1 }, daysAgo(8, 2));
  await postMessage(ctx, mike, l.id, { kind: 'technical_inquiry', subject: 'Discount', body: 'Can you do USD 2.90 if we pay 30 days earlier?' }, daysAgo(3, 16));
  await db.updateTable('engagements').set({ created_at: daysAgo(10, 15), responded_at: daysAgo(9, 3), phase_started_at: daysAgo(9, 3) }).where('id', '=', l.id).execute();
  await db.updateTable('gate_decisions').set({ decided_at: daysAgo(9, 3) }).where('engagement_id', '=', l.id).execute();
  void line1;
  void line2;
}
