import { describe, expect, it } from 'vitest';
import {
  operationsUnderstanding,
  specificationClarity,
  technicalDepth,
  visitQuestionnaire,
  willingnessToVerify,
  type BuyerBehaviour,
  type BuyerMessage,
  type BuyerSpecification,
  type BuyerVisit,
} from './signals.js';

let n = 0;
const msg = (subject: string | null, body: string, kind = 'technical_inquiry'): BuyerMessage => ({
  id: `m${++n}`,
  engagementId: 'e1',
  kind,
  subject,
  body,
  sentAt: '2026-03-02T08:00:00.000Z',
});
const visit = (p: Partial<BuyerVisit>): BuyerVisit => ({
  id: `v${++n}`,
  engagementId: 'e1',
  title: 'Factory visit',
  type: 'buyer_visit',
  status: 'proposed',
  initiatedBy: 'buyer',
  auditorInvited: false,
  createdAt: '2026-03-01T00:00:00.000Z',
  ...p,
});

const NORDLICHT = [
  msg('Bore tolerance', 'Can you hold Ø 32 H7 on the rear housing with your current fixtures, and how do you verify it?'),
  msg('Anodising thickness', 'Which anodising thickness and sealing do you specify, and who does the anodising?'),
  msg('Material certificates', 'Do you keep EN 10204 3.1 certificates for each 6061-T6 bar lot?'),
  msg('Capacity for ramp-up', 'If we need 12,000 sets a month in Q3, what would limit you?'),
];
const LAKESHORE = [
  msg('Price', 'What is your best price per piece at 5,000 a month? We need to beat our current supplier by 15 %.'),
  msg('Discount', 'Can you do USD 2.90 if we pay 30 days earlier?'),
];

describe('technicalDepth', () => {
  // value = 70 × technical/inquiries + 30 × topics/3 (hand-computed)
  it.each<{ name: string; messages: BuyerMessage[]; value: number | null; technical: number; priceOnly: number; topics: number }>([
    { name: 'Nordlicht: 4 of 4 technical, all 3 topics → 70 + 30 = 100', messages: NORDLICHT, value: 100, technical: 4, priceOnly: 0, topics: 3 },
    { name: 'Lakeshore: 2 price-only inquiries → 0', messages: LAKESHORE, value: 0, technical: 0, priceOnly: 2, topics: 0 },
    {
      name: 'one technical (materials) and one price-only → 70 × 1/2 + 30 × 1/3 = 45',
      messages: [msg('Alloy', 'Is 6061 fine?'), msg('Price', 'Best price?')],
      value: 45,
      technical: 1,
      priceOnly: 1,
      topics: 1,
    },
    {
      name: 'progress updates are not inquiries',
      messages: [msg('Status', 'Tolerances and alloy are fine', 'progress_update')],
      value: null,
      technical: 0,
      priceOnly: 0,
      topics: 0,
    },
    { name: 'no messages', messages: [], value: null, technical: 0, priceOnly: 0, topics: 0 },
  ])('$name', ({ messages, value, technical, priceOnly, topics }) => {
    const s = technicalDepth(messages);
    expect(s.value).toBe(value);
    expect(s.params).toMatchObject({ technical, priceOnly, topics });
    expect(s.records.length).toBe(messages.filter((m) => m.kind === 'technical_inquiry').length);
  });

  it('tags each inquiry with what it asked about', () => {
    const s = technicalDepth([...LAKESHORE, NORDLICHT[0]]);
    expect(s.records.map((r) => r.tags)).toEqual([['price'], ['price'], ['process', 'tolerances', 'qc_method']]);
    expect(s.explanation).toBe(
      '1 of 3 inquiries technical, 2 about price only; 2 of 3 technical topics asked about (process, tolerances) (keyword match, a heuristic). 70 × 1/3 + 30 × 2/3 = 43.',
    );
  });
});

describe('operationsUnderstanding', () => {
  it.each<{ name: string; messages: BuyerMessage[]; value: number | null; records: number }>([
    { name: 'Nordlicht: capacity and QC method, not lead time → 67', messages: NORDLICHT, value: 67, records: 2 },
    { name: 'Lakeshore: none → 0', messages: LAKESHORE, value: 0, records: 0 },
    { name: 'all three, in any kind of message → 100', messages: [msg(null, 'Lead time and capacity limit?', 'progress_update'), msg(null, 'Your AQL plan?')], value: 100, records: 2 },
    { name: 'no messages → null', messages: [], value: null, records: 0 },
  ])('$name', ({ messages, value, records }) => {
    const s = operationsUnderstanding(messages);
    expect(s.value).toBe(value);
    expect(s.records).toHaveLength(records);
  });
});

describe('willingnessToVerify', () => {
  const none = { visits: [], sampleTests: [], offers: [], openSlots: [] };
  it.each<{ name: string; b: Pick<BuyerBehaviour, 'visits' | 'sampleTests' | 'offers' | 'openSlots'>; value: number; declined?: number; unbooked?: number }>([
    { name: 'nothing → 0', b: none, value: 0 },
    { name: 'a visit requested → 40', b: { ...none, visits: [visit({})] }, value: 40 },
    { name: 'a visit held → 40 + 10', b: { ...none, visits: [visit({ status: 'closed', type: 'remote_video' })] }, value: 50 },
    {
      name: 'Nordlicht: remote walk-through held, on-site visit with an auditor, a sample test → 40 + 10 + 25 + 25 = 100',
      b: {
        ...none,
        visits: [visit({ status: 'closed', type: 'remote_video' }), visit({ status: 'confirmed', auditorInvited: true })],
        sampleTests: [{ id: 's1', engagementId: 'e1', product: 'NM-4471-A', runBy: 'third_party_lab', recordedBy: 'buyer', testedAt: '2026-03-01T00:00:00.000Z' }],
      },
      value: 100,
    },
    { name: 'a visit the buyer cancelled counts nothing', b: { ...none, visits: [visit({ status: 'cancelled' })] }, value: 0 },
    {
      name: "the supplier's own sample test is not the buyer's willingness",
      b: { ...none, sampleTests: [{ id: 's1', engagementId: 'e1', product: 'P', runBy: 'supplier', recordedBy: 'supplier', testedAt: '2026-03-01T00:00:00.000Z' }] },
      value: 0,
    },
    {
      name: 'a sample offer accepted → 25; a visit invitation declined → 0, listed',
      b: {
        ...none,
        offers: [
          { id: 'o1', engagementId: 'e1', kind: 'sample', status: 'accepted', createdAt: '2026-03-01T00:00:00.000Z', decidedAt: '2026-03-02T00:00:00.000Z' },
          { id: 'o2', engagementId: 'e1', kind: 'visit', status: 'declined', createdAt: '2026-03-01T00:00:00.000Z', decidedAt: '2026-03-02T00:00:00.000Z' },
        ],
      },
      value: 25,
      declined: 1,
    },
    { name: 'Lakeshore: two slots offered, not booked → 0', b: { ...none, openSlots: [{ engagementId: 'e2', count: 2, offeredAt: '2026-03-01T00:00:00.000Z' }] }, value: 0, unbooked: 2 },
    { name: 'an audit planned by the buyer → 40 + 25', b: { ...none, visits: [visit({ type: 'third_party_audit' })] }, value: 65 },
  ])('$name', ({ b, value, declined = 0, unbooked = 0 }) => {
    const s = willingnessToVerify(b);
    expect(s.value).toBe(value);
    expect(s.params).toMatchObject({ declined, unbooked });
    expect(s.records.reduce((n, r) => n + (r.points ?? 0), 0)).toBe(value);
  });
});

describe('specificationClarity', () => {
  const spec = (p: Partial<BuyerSpecification>): BuyerSpecification => ({
    id: `s${++n}`,
    product: 'NM-4471-A',
    title: 'Front housing',
    note: null,
    characteristics: [
      { key: 'bore', lsl: 32, usl: 32.025, method: 'CMM, ISO 10360-2' },
      { key: 'length', lsl: 181.5, usl: 182.5, method: null },
    ],
    engagementIds: ['e1'],
    createdAt: '2026-03-01T00:00:00.000Z',
    ...p,
  });
  const eng = (volumes: number, destination: string | null) => ({ id: 'e1', title: 'E', createdAt: '2026-03-01T00:00:00.000Z', expectedVolumes: volumes, destinationCountry: destination });
  it.each<{ name: string; b: Pick<BuyerBehaviour, 'specifications' | 'engagements' | 'files'>; value: number }>([
    { name: 'Lakeshore: no specification, volumes and destination stated → 10 + 10', b: { specifications: [], engagements: [eng(1, 'US')], files: [] }, value: 20 },
    { name: 'a specification, half the methods, no drawing → 40 + 10 + 10 + 10', b: { specifications: [spec({})], engagements: [eng(1, 'DE')], files: [] }, value: 70 },
    {
      name: 'Nordlicht: drawing referenced in the note → 40 + 10 + 20 + 10 + 10',
      b: { specifications: [spec({ note: 'From drawing NM-4472-A rev D' })], engagements: [eng(1, 'DE')], files: [] },
      value: 90,
    },
    {
      name: 'a drawing file shared, every method named, no volumes → 40 + 20 + 20 + 0 + 10',
      b: {
        specifications: [spec({ characteristics: [{ key: 'bore', lsl: 32, usl: 32.025, method: 'CMM' }] })],
        engagements: [eng(0, 'DE')],
        files: [{ id: 'f1', filename: 'NM-4471-A_rev-C.step', engagementId: 'e1', sharedAt: '2026-03-01T00:00:00.000Z' }],
      },
      value: 90,
    },
    {
      name: 'visit photos and reports the buyer shared are not drawings → 10 + 10',
      b: {
        specifications: [],
        engagements: [eng(1, 'DE')],
        files: [
          { id: 'f2', filename: 'cmm-run-chart-lot-24-0915.png', engagementId: 'e1', sharedAt: '2026-03-01T00:00:00.000Z' },
          { id: 'f3', filename: 'visit-report.pdf', engagementId: 'e1', sharedAt: '2026-03-01T00:00:00.000Z' },
        ],
      },
      value: 20,
    },
    { name: 'a PDF named as a drawing counts', b: { specifications: [], engagements: [eng(0, null)], files: [{ id: 'f4', filename: 'BH-2 drawing rev B.pdf', engagementId: null, sharedAt: '2026-03-01T00:00:00.000Z' }] }, value: 20 },
    { name: 'nothing stated → 0', b: { specifications: [], engagements: [eng(0, null)], files: [] }, value: 0 },
  ])('$name', ({ b, value }) => {
    expect(specificationClarity(b).value).toBe(value);
  });
});

describe('visitQuestionnaire', () => {
  const r = (index: number | null) => ({ visitId: `v${++n}`, engagementId: 'e1', visitTitle: 'Remote walk-through', index, assessedAt: '2026-03-01T00:00:00.000Z' });
  it.each<{ name: string; results: ReturnType<typeof r>[]; value: number | null }>([
    { name: 'none → null', results: [], value: null },
    { name: 'incomplete → null', results: [r(null)], value: null },
    { name: 'Nordlicht: 85', results: [r(85)], value: 85 },
    { name: 'mean of the completed: (85 + 60) / 2 = 72.5 → 73', results: [r(85), r(60), r(null)], value: 73 },
  ])('$name', ({ results, value }) => {
    const s = visitQuestionnaire(results);
    expect(s.value).toBe(value);
    expect(s.records).toHaveLength(results.length);
  });
});
