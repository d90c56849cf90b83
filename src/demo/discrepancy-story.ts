// Discrepancies in the demo (after the pilot story): on the IP-5 pilot both sides named their escalation ladder and
// agreed a fortnightly cadence; a burr complaint on an early lot was worked through 8D and closed in time; lot
// HT-3310-07, rejected at incoming inspection for thin anodising, has its 8D partly done — root cause found late and
// the corrective action now overdue, so it is escalated; and Hengtai disclosed a labelling mix-up on a later lot
// before Nordlicht noticed it. Goes through the same services a user goes through, each step on its day.
import { Readable } from 'node:stream';
import { fixedClock, setClock } from '../clock.js';
import { uploadFile } from '../services/files/files.js';
import { demoPdf } from './documents.js';
import * as clock from '../clock.js';
import { principalForCli } from '../services/accounts/accounts.js';
import { closeDiscrepancy } from '../services/discrepancies/closure.js';
import { raiseDiscrepancy } from '../services/discrepancies/raise.js';
import { postDiscrepancyUpdate, updateDiscrepancyStep } from '../services/discrepancies/work.js';
import { addEvidenceToEngagement } from '../services/engagements/shared-evidence.js';
import { saveEscalationSettings } from '../services/escalation/settings.js';
import type { ServiceContext } from '../services/shared/context.js';
import type { Actor } from '../services/shared/authz.js';
import type { EightDStep } from '../domain/discrepancies/model.js';
import { DEMO_PILOT_ENGAGEMENT } from './pilot-story.js';
import type { DemoIds } from './seed.js';

const HOUR = 3_600_000;

async function atTime<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const restore = setClock(fixedClock(iso));
  try {
    return await fn();
  } finally {
    restore();
  }
}

const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();

export async function seedDiscrepancyStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const db = ctx.handle.db;
  const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
  const jonas = await principalForCli(ctx, 'jonas.richter@nordlicht.example');
  const li = await principalForCli(ctx, 'li.wei@hengtai.example');
  const chen = await principalForCli(ctx, 'chen.jing@hengtai.example');
  const e = await db.selectFrom('engagements').selectAll().where('title', '=', DEMO_PILOT_ENGAGEMENT).where('buyer_organization_id', '=', ids.organizations.nordlicht).executeTakeFirst();
  if (!e) return;
  const deliveries = await db.selectFrom('deliveries').selectAll().where('engagement_id', '=', e.id).orderBy('received_at').execute();
  const byLot = (lot: string) => deliveries.find((d) => d.lot === lot);
  const pilot = await db.selectFrom('pilots').select(['start_date']).where('engagement_id', '=', e.id).executeTakeFirst();
  const start = `${pilot?.start_date ?? e.phase_started_at.slice(0, 10)}T08:00:00.000Z`;

  // --- the ladder and the cadence, agreed as the pilot started ----------------------------------------------
  await atTime(plus(start, 2), () =>
    saveEscalationSettings(ctx, anna, e.id, {
      contacts: [
        { level: 1, name: 'Jonas Richter', title: 'Supplier quality engineer', userId: ids.users['jonas.richter@nordlicht.example'] },
        { level: 2, name: 'Anna Weber', title: 'Head of strategic purchasing', userId: ids.users['anna.weber@nordlicht.example'] },
        { level: 3, name: 'Dr. Markus Brandt', title: 'COO', email: 'markus.brandt@nordlicht.example', locale: 'en' },
      ],
      progressUpdateEveryDays: 14,
    }),
  );
  await atTime(plus(start, 20), () =>
    saveEscalationSettings(ctx, li, e.id, {
      contacts: [
        { level: 1, name: '陈静 Chen Jing', title: '质量工程师 Quality engineer', userId: ids.users['chen.jing@hengtai.example'] },
        { level: 2, name: '李伟 Li Wei', title: '总经理 General manager', userId: ids.users['li.wei@hengtai.example'] },
      ],
    }),
  );

  const work = async (id: string, who: Actor, step: EightDStep, at: string, body: Record<string, unknown>) =>
    atTime(at, () => updateDiscrepancyStep(ctx, who, id, step, { fileIds: [], ...body, done: true }, at));

  // --- 1. burrs on lot 02, closed in time ---------------------------------------------------------------------
  const lot2 = byLot('HT-3310-02');
  if (lot2) {
    const raised = plus(`${lot2.received_at.slice(0, 10)}T08:00:00.000Z`, 3 * 24 + 6);
    const d = await atTime(raised, () =>
      raiseDiscrepancy(ctx, jonas, e.id, {
        severity: 'minor',
        title: 'Burrs on the clip seat, lot HT-3310-02',
        description: 'Found at our pump assembly: 12 housings of lot HT-3310-02 with a burr on the clip seat that scratches the clip. Lot had passed incoming inspection (cosmetic, not in the sampling plan).',
        quantityAffected: 12,
        quantityUnit: 'pcs',
        target: { kind: 'delivery', id: lot2.id },
        fileIds: [],
        ownerUserId: chen.userId,
      }, raised),
    );
    const steps: [EightDStep, number, Record<string, unknown>][] = [
      ['D0', 20, { notes: 'Remaining stock of lot 02 at Nordlicht checked: no further burrs found.' }],
      ['D1', 30, { notes: 'Team named.', data: { team: ['Chen Jing (QE, Hengtai)', 'Wang Fang (line 1 supervisor)', 'Jonas Richter (SQE, Nordlicht)'] } }],
      ['D2', 40, { notes: 'Burr 0.1–0.2 mm on the clip seat edge, 12 of 2,000 parts, only from fixture 3.' }],
      ['D3', 50, { notes: 'Deburring of the clip seat added to the 100 % visual check until the fix.' }],
      ['D4', 96, { notes: 'Chamfer tool on fixture 3 worn.', data: { rootCause: 'Chamfer tool T14 on fixture 3 used beyond its life (no tool-life counter on that fixture).', escapePoint: 'The visual check looked at the sealing face only; the clip seat was not on the checklist.' } }],
      ['D5', 140, { notes: 'Tool-life counter on all fixtures; clip seat added to the visual checklist.' }],
      ['D6', 220, { notes: 'Implemented on all 12 cells; temporary deburring removed.' }],
      ['D7', 300, { notes: 'Control plan CP-IP5 rev D and work instruction WI-08 updated; same change on the IP-7 fixtures.' }],
    ];
    for (const [step, h, body] of steps) await work(d.id, chen, step, plus(raised, h), body);
    const proofAt = plus(raised, 22 * 24);
    const proof = await atTime(proofAt, () =>
      addEvidenceToEngagement(ctx, jonas, e.id, {
        kind: 'kpi_measurement', provenance: 'observed', title: 'Assembly feedback: lots HT-3310-03 to -05 without burrs', attributes: { lots: 'HT-3310-03, -04, -05' }, fileIds: [], links: [],
      } as never),
    );
    await atTime(plus(proofAt, 2), () =>
      updateDiscrepancyStep(ctx, chen, d.id, 'D8', { fileIds: [], effectiveness: { method: 'next_lots_accepted', summary: 'Three following lots assembled without a single burr on the clip seat.', evidenceIds: [proof.id], fileIds: [] } }, plus(proofAt, 2)),
    );
    await atTime(plus(proofAt, 20), () => closeDiscrepancy(ctx, jonas, d.id, { note: 'Effective. Thank you for extending the fix to the IP-7 fixtures.' }, plus(proofAt, 20)));
  }

  // --- 2. lot 07 rejected at incoming inspection: 8D partly done, corrective action overdue ------------------
  const lot7 = byLot('HT-3310-07');
  if (lot7) {
    const inspection = await db.selectFrom('incoming_inspections').select('inspected_at').where('delivery_id', '=', lot7.id).executeTakeFirst();
    const raised = plus(`${(inspection?.inspected_at ?? lot7.received_at).slice(0, 10)}T08:00:00.000Z`, 6);
    if (Date.parse(raised) < clock.nowMs()) {
      const d = await atTime(raised, () =>
        raiseDiscrepancy(ctx, jonas, e.id, {
          severity: 'major',
          title: 'Anodising below 12 µm on lot HT-3310-07',
          description: '3 of 80 sampled housings measured 10.8–11.6 µm anodising thickness (spec 12–18 µm). Lot rejected at incoming inspection (AQL 0.65, Ac 1) and returned for sorting.',
          quantityAffected: 2000,
          quantityUnit: 'pcs',
          target: { kind: 'delivery', id: lot7.id },
          fileIds: [],
          ownerUserId: chen.userId,
        }, raised),
      );
      const steps: [EightDStep, number, Record<string, unknown>][] = [
        ['D0', 10, { notes: 'Lot 07 quarantined at Nordlicht and returned; lot 08 held at Hengtai until measured 100 %.' }],
        ['D1', 20, { notes: 'Team named.', data: { team: ['Chen Jing (QE)', 'Zhou Min (Cixi Huaguang, anodising)', 'Jonas Richter (SQE, Nordlicht)'] } }],
        ['D2', 30, { notes: 'Night shift 14–15th, tank 2 only: 31 of 2,000 parts below 12 µm after 100 % eddy-current sort.' }],
        ['D3', 60, { notes: '100 % thickness check on all parts from tank 2 until the fix; 31 parts scrapped.' }],
      ];
      for (const [step, h, body] of steps) if (Date.parse(plus(raised, h)) < clock.nowMs()) await work(d.id, chen, step, plus(raised, h), body);
      // The root cause took longer than the 10 days the policy gives a major discrepancy.
      const d4At = plus(raised, 13 * 24);
      if (Date.parse(d4At) < clock.nowMs()) {
        await work(d.id, chen, 'D4', d4At, {
          notes: 'Rectifier of tank 2 drifted; current logged but not alarmed.',
          data: {
            rootCause: 'The rectifier of tank 2 at Cixi Huaguang lost 8 % current during the night shift (failing thyristor); the anodising time was not extended.',
            escapePoint: 'Hengtai’s incoming check of anodised parts samples one tank load per day, the morning load — the night loads were never measured.',
          },
        });
        await atTime(plus(d4At, 30), () => postDiscrepancyUpdate(ctx, chen, d.id, { body: '新整流器已订购，预计下周到货。New rectifier ordered, delivery expected next week; 100 % check continues meanwhile.' }, plus(d4At, 30)));
      }
    }
  }

  // --- 3. a labelling mix-up Hengtai disclosed before Nordlicht noticed it -----------------------------------
  const later = deliveries.filter((x) => x.lot && x.lot !== 'HT-3310-07').at(-1);
  if (later) {
    const raised = plus(`${later.received_at.slice(0, 10)}T02:00:00.000Z`, 0);
    if (Date.parse(raised) < clock.nowMs()) {
      const d = await atTime(raised, () =>
        raiseDiscrepancy(ctx, chen, e.id, {
          severity: 'minor',
          title: `Carton labels of lot ${later.lot} show the drawing revision E`,
          description: `The cartons of lot ${later.lot} were labelled with drawing revision E instead of F. The parts are to revision F (CMM report attached to the batch record); only the labels are wrong. Corrected labels are on their way by courier.`,
          quantityAffected: 40,
          quantityUnit: 'cartons',
          target: { kind: 'delivery', id: later.id },
          fileIds: [],
          ownerUserId: chen.userId,
        }, raised),
      );
      for (const [step, h, body] of [
        ['D0', 3, { notes: 'Corrected labels printed and sent by courier; Nordlicht receiving informed.' }],
        ['D1', 4, { notes: 'Team named.', data: { team: ['Chen Jing (QE)', 'Liu Yang (logistics)'] } }],
        ['D2', 6, { notes: '40 cartons of one lot; label template of the IP-5 not updated after the ECN to revision F.' }],
        ['D3', 8, { notes: 'All label templates of Nordlicht parts checked against the current drawing revisions.' }],
        ['D4', 30, { notes: 'Template not under document control.', data: { rootCause: 'Label templates are kept outside document control, so the ECN to revision F did not reach them.', escapePoint: 'The packing check compares the part number, not the revision.' } }],
        ['D5', 54, { notes: 'Label templates generated from the ERP item master (revision included).' }],
        ['D6', 100, { notes: 'Templates replaced; next two lots packed with generated labels.' }],
        ['D7', 124, { notes: 'Packing check compares part number and revision; procedure QP-11 updated.' }],
      ] as [EightDStep, number, Record<string, unknown>][]) {
        if (Date.parse(plus(raised, h)) < clock.nowMs()) await work(d.id, chen, step, plus(raised, h), body);
      }
      const asked = plus(raised, 130);
      if (Date.parse(asked) < clock.nowMs()) {
        const pdf = await demoPdf('Packing check record QP-11', ['Carton labels generated from the ERP item master', 'NM-3310-B rev F — checked on two lots', 'Signed: Liu Yang (logistics), Chen Jing (QE)']);
        const file = await atTime(asked, () => uploadFile(ctx, chen, Readable.from(pdf), 'packing-check-QP-11.pdf'));
        await atTime(asked, () =>
          updateDiscrepancyStep(ctx, chen, d.id, 'D8', { fileIds: [], effectiveness: { method: 'other', summary: 'Two further lots packed with generated labels showing revision F; the packing check record is attached.', evidenceIds: [], fileIds: [file.id] } }, asked),
        );
      }
    }
  }
}
