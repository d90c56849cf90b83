// The visit part of the demo story; runs after the engagement story. Nordlicht's engagement with Ningbo Hengtai is
// in capability validation and the visit advisor says a visit is needed: a remote video walk-through last week
// showed line 1 and the CMM room but could not count capacity, so an on-site visit with Meridian Assurance as
// auditor is confirmed for three weeks from now. Hengtai also invites Lakeshore, who asks mostly about price, to
// see the plant. Goes through the same services a user goes through.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { principalForCli } from '../services/accounts/accounts.js';
import type { ServiceContext } from '../services/shared/context.js';
import { listEngagements } from '../services/engagements/engagements.js';
import { listOrganizationSites } from '../services/engagements/profile.js';
import { inviteAuditor, offerVisitSlots, planVisit, respondToVisit } from '../services/visits/planning.js';
import { uploadFile } from '../services/files/files.js';
import { addAttachment, addFinding, saveAnswer } from '../services/visits/recording.js';
import { closeVisit, saveSincerity } from '../services/visits/closing.js';
import { utcToZonedLocal } from '../domain/time/zones.js';
import type { DemoIds } from './seed.js';
import * as clock from '../clock.js';

const DAY = 86_400_000;
const TZ = 'Asia/Shanghai';

/** The local date at the plant `offsetDays` from today, moved to the nearest working day in that direction. */
function plantWorkday(offsetDays: number): string {
  const step = offsetDays < 0 ? -1 : 1;
  for (let d = offsetDays; ; d += step) {
    const date = utcToZonedLocal(new Date(clock.nowMs() + d * DAY).toISOString(), TZ).slice(0, 10);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5) return date;
  }
}
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

// --- a screenshot from the call: the CMM run chart of one lot, drawn as a PNG -------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** 30 bore diameters of lot 24-0915 between the H7 limits (32.000–32.025 mm): invented, plausible, deterministic. */
function cmmRunChartPng(): Buffer {
  const W = 640;
  const H = 360;
  const px = Buffer.alloc(W * H * 3, 0xff);
  const set = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (Math.round(y) * W + Math.round(x)) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  const hline = (y: number, x0: number, x1: number, c: [number, number, number], dash = 0) => {
    for (let x = x0; x <= x1; x++) if (!dash || Math.floor(x / dash) % 2 === 0) set(x, y, c);
  };
  const vline = (x: number, y0: number, y1: number, c: [number, number, number]) => {
    for (let y = y0; y <= y1; y++) set(x, y, c);
  };
  // A dark frame like the video window, the plot area inside.
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (x < 12 || x >= W - 12 || y < 12 || y >= H - 12) set(x, y, [38, 42, 48]);
  const left = 70;
  const right = W - 40;
  const top = 40;
  const bottom = H - 50;
  const yOf = (mm: number) => bottom - ((mm - 31.995) / 0.035) * (bottom - top);
  vline(left, top, bottom, [60, 60, 60]);
  hline(bottom, left, right, [60, 60, 60]);
  for (const t of [32.0, 32.01, 32.02]) hline(Math.round(yOf(t)), left - 6, left, [60, 60, 60]);
  hline(Math.round(yOf(32.025)), left, right, [200, 40, 40], 8); // upper limit
  hline(Math.round(yOf(32.0)), left, right, [200, 40, 40], 8); // lower limit
  hline(Math.round(yOf(32.0125)), left, right, [120, 160, 120], 4); // nominal middle
  let prev: [number, number] | null = null;
  for (let i = 0; i < 30; i++) {
    const mm = 32.0125 + 0.0035 * Math.sin(i * 1.7) + 0.002 * Math.cos(i * 0.6) + (i % 7 === 3 ? 0.002 : 0);
    const x = left + 12 + (i * (right - left - 24)) / 29;
    const y = yOf(mm);
    if (prev) {
      const steps = Math.ceil(Math.hypot(x - prev[0], y - prev[1]));
      for (let s = 0; s <= steps; s++) set(prev[0] + ((x - prev[0]) * s) / steps, prev[1] + ((y - prev[1]) * s) / steps, [90, 130, 200]);
    }
    for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) if (dx * dx + dy * dy <= 16) set(x + dx, y + dy, [28, 78, 128]);
    prev = [x, y];
  }
  const raw = Buffer.alloc((W * 3 + 1) * H);
  for (let y = 0; y < H; y++) px.copy(raw, y * (W * 3 + 1) + 1, y * W * 3, (y + 1) * W * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export async function seedVisitStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
  const jonas = await principalForCli(ctx, 'jonas.richter@nordlicht.example');
  const liWei = await principalForCli(ctx, 'li.wei@hengtai.example');
  const chen = await principalForCli(ctx, 'chen.jing@hengtai.example');
  const mike = await principalForCli(ctx, 'mike.carlson@lakeshore.example');
  const hengtai = ids.organizations.hengtai;

  const engagement = (await listEngagements(ctx, anna, { limit: 100 })).find((e) => e.supplier.id === hengtai && e.title.startsWith('IP-7'));
  const lakeshore = (await listEngagements(ctx, mike, { limit: 100 })).find((e) => e.supplier.id === hengtai);
  const plant = (await listOrganizationSites(ctx, anna, hengtai)).find((s) => s.name === 'Beilun Plant 1');
  if (!engagement || !plant) throw new Error('the visit story needs the engagement story (Nordlicht–Hengtai, Beilun Plant 1)');

  // --- a remote video walk-through, last week -------------------------------------------------------------
  const walkDay = plantWorkday(-8);
  // It was planned nine days before and recorded on the day: the clock of those days (a visit is requested from
  // today on, and what is observed on it is dated inside it).
  const backToToday = clock.setClock(clock.clockStartingAt(new Date(Date.parse(`${walkDay}T07:00:00Z`) - 9 * DAY).toISOString()));
  const remote = await planVisit(ctx, jonas, engagement.id, {
    type: 'remote_video',
    siteId: plant.id,
    start: `${walkDay}T15:00`,
    end: `${walkDay}T16:30`,
    title: 'Remote walk-through — line 1 and CMM room',
    agenda: [
      { time: '15:00', topic: 'Line 1 on camera: fixtures for NM-4471-A, shift board', durationMinutes: 30 },
      { time: '15:30', topic: 'CMM room: bore Ø 32 H7 records of the last three lots', durationMinutes: 40 },
      { time: '16:10', topic: 'Anodising: incoming inspection of the Cixi Huaguang lots', durationMinutes: 20 },
    ],
    participants: [{ side: 'buyer', name: 'Anna Weber', role: 'Head of Strategic Sourcing', email: 'anna.weber@nordlicht.example' }],
  });
  await respondToVisit(ctx, liWei, remote.id, {
    decision: 'confirm',
    reason: 'Chen Jing will carry the camera; the line runs its normal second shift then.',
    participants: [
      { side: 'supplier', name: 'Chen Jing', role: 'Quality Manager' },
      { side: 'supplier', name: 'Li Wei', role: 'Export Manager' },
    ],
  });
  const typed = (minutes: number) => new Date(Date.parse(`${walkDay}T07:00:00Z`) + minutes * 60_000).toISOString();
  clock.setClock(clock.clockStartingAt(typed(101)));
  const answers: [string, boolean | number | string | null, number, string?][] = [
    ['qc.control_plan_at_station', true, 6, 'CP-IP7 rev C laminated at cells 3 and 4'],
    ['qc.inspection_as_written', true, 34, '100 % CMM on the bore, as the control plan says'],
    ['qc.traceability', true, 42, 'Lot 24-0915 traced from the 3.1 certificate to the CMM report in 9 minutes'],
    ['qc.practice_score', 4, 48, 'Not 5: the anodising incoming inspection could not be shown'],
    ['resp.unplanned_request', 4, 50],
    ['resp.minutes_to_record', 9, 51],
    ['fit.technical_communication', 4, 80, 'Chen Jing answered the technical questions directly in English'],
    ['cap.limit', 'Anodising at Cixi Huaguang: 8,000 parts a week (disclosed before the call). Machining not the limit.', 85],
  ];
  for (const [questionId, value, minute, note] of answers) {
    await saveAnswer(ctx, jonas, remote.id, questionId, { clientId: randomUUID(), clientUpdatedAt: typed(minute), value, note: note ?? null });
  }
  const chart = await uploadFile(ctx, jonas, Readable.from([cmmRunChartPng()]), 'cmm-run-chart-lot-24-0915.png');
  await addAttachment(ctx, jonas, remote.id, {
    clientId: randomUUID(),
    fileId: chart.id,
    questionId: 'qc.photo',
    caption: 'Screenshot from the call: CMM run chart, bore Ø 32 H7, lot 24-0915 (30 parts, all within 32.000–32.025 mm)',
    takenAt: typed(38),
  });
  await addFinding(ctx, jonas, remote.id, {
    clientId: randomUUID(),
    severity: 'observation',
    text: 'The incoming-inspection records of the anodising partner (coating thickness per lot) were not at hand during the call; Hengtai will send the last three lots.',
    questionId: 'qc.practice_score',
    followUp: { owner: 'Chen Jing', ownerSide: 'supplier', dueDate: addDays(plantWorkday(0), 5), status: 'in_progress', note: 'Records requested from Cixi Huaguang' },
  });
  await saveSincerity(ctx, liWei, remote.id, {
    scores: {
      technical_depth: { score: 5, note: 'Asked how the bore is fixtured and measured, not only whether' },
      preparation: { score: 4, note: 'Sent the drawing pack and an agenda a week ahead' },
      specification_clarity: { score: 5 },
      operational_understanding: { score: 4, note: 'Asked about the anodising limit before we raised it' },
      beyond_price: { score: 5 },
    },
    comment: 'A buyer who wants to understand the process; worth the time of our quality team.',
    shared: true,
  });
  const closedAt = typed(100);
  await closeVisit(
    ctx,
    jonas,
    remote.id,
    {
      outcome: 'satisfactory_with_actions',
      summary:
        'Remote walk-through of line 1 and the CMM room. Control plan CP-IP7 rev C is at the stations shown and the bore Ø 32 H7 is checked 100 % on the CMM with records per lot. ' +
        'Capacity could not be counted over video and the anodising partner was not shown: the on-site visit with Meridian Assurance will count both lines against the 40,000 a month claimed.',
    },
    closedAt,
  );
  backToToday();
  // The story happened last week: place its records on those days.
  const db = ctx.handle.db;
  const plannedAt = new Date(Date.parse(`${walkDay}T07:00:00Z`) - 9 * DAY).toISOString();
  await db.updateTable('visits').set({ created_at: plannedAt, updated_at: closedAt }).where('id', '=', remote.id).execute();
  await db.updateTable('visit_answers').set((eb) => ({ created_at: eb.ref('client_updated_at'), updated_at: eb.ref('client_updated_at') })).where('visit_id', '=', remote.id).execute();
  await db.updateTable('visit_findings').set({ created_at: typed(60), updated_at: typed(60) }).where('visit_id', '=', remote.id).execute();
  await db.updateTable('visit_attachments').set({ created_at: typed(38) }).where('visit_id', '=', remote.id).execute();
  await db.updateTable('visit_sincerity').set({ created_at: typed(240), updated_at: typed(240) }).where('visit_id', '=', remote.id).execute();
  const visitEvidence = (await db.selectFrom('evidence').select(['id', 'attributes']).where('subject_organization_id', '=', hengtai).execute()).filter(
    (e) => (JSON.parse(e.attributes) as Record<string, string>).visitId === remote.id,
  );
  for (const e of visitEvidence) {
    await db.updateTable('evidence').set({ created_at: closedAt }).where('id', '=', e.id).execute();
    await db.updateTable('engagement_evidence').set({ shared_at: closedAt }).where('evidence_id', '=', e.id).execute();
  }

  // --- the on-site visit, confirmed, with Meridian Assurance as auditor ---------------------------------------
  const day1 = plantWorkday(21);
  const day1Weekday = new Date(`${day1}T12:00:00Z`).getUTCDay();
  const start = day1Weekday === 5 ? plantWorkday(24) : day1; // two consecutive working days
  const day2 = addDays(start, 1);
  const onSite = await planVisit(ctx, jonas, engagement.id, {
    type: 'buyer_visit',
    siteId: plant.id,
    start: `${start}T08:30`,
    end: `${day2}T15:00`,
    agenda: [
      { date: start, time: '08:30', topic: 'Opening meeting, safety briefing', durationMinutes: 45 },
      { date: start, time: '09:30', topic: 'Lines 1 and 2: capacity count (cycle time at the bottleneck, shifts, availability from the downtime log)', durationMinutes: 180 },
      { date: start, time: '14:00', topic: 'CMM room: bore Ø 32 H7 records against control plan CP-IP7', durationMinutes: 90 },
      { date: day2, time: '09:00', topic: 'Cixi Huaguang anodising: incoming inspection and weekly limit', durationMinutes: 180 },
      { date: day2, time: '14:00', topic: 'Closing meeting: findings and follow-ups', durationMinutes: 60 },
    ],
    participants: [
      { side: 'buyer', name: 'Anna Weber', role: 'Head of Strategic Sourcing', email: 'anna.weber@nordlicht.example' },
      { side: 'auditor', name: 'Sarah Hughes', role: 'Lead Auditor, Meridian Assurance', email: 'sarah.hughes@meridian.example' },
    ],
    note: 'Before the sample lot of NM-4471-A is approved.',
  });
  await inviteAuditor(ctx, anna, onSite.id, ids.organizations.meridian);
  await respondToVisit(ctx, liWei, onSite.id, {
    decision: 'confirm',
    reason: 'Both lines will run two shifts that week; the Cixi Huaguang visit is arranged.',
    participants: [
      { side: 'supplier', name: 'Li Wei', role: 'Export Manager' },
      { side: 'supplier', name: 'Chen Jing', role: 'Quality Manager' },
    ],
  });
  await db.updateTable('visits').set({ created_at: typed(24 * 60), updated_at: typed(26 * 60) }).where('id', '=', onSite.id).execute();

  // --- Hengtai invites Lakeshore to see line 2 (not booked: Lakeshore asks about price) ------------------------
  if (lakeshore) {
    const a = plantWorkday(16);
    const b = plantWorkday(23);
    await offerVisitSlots(ctx, chen, lakeshore.id, {
      siteId: plant.id,
      slots: [
        { start: `${a}T09:00`, end: `${a}T16:00` },
        { start: `${b}T09:00`, end: `${b}T16:00` },
      ],
      note: 'You are welcome to see line 2 and the BH-2 trial parts; please bring the drawing and the alloy specification.',
    });
  }
}
