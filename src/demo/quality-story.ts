// The quality part of the demo story; runs after the engagement story. Nordlicht specifies the IP-7 rear housing
// (NM-4472-A); SGS Ningbo tests first samples for Nordlicht and Nordlicht's incoming inspection measures three more;
// Hengtai shares four months of CMM batch records from both lines — line 2's bore drifts upwards over its last
// lots, which fires Nelson rules — and six months of production logs: line 1 demonstrates close to its 24,000 a
// month, line 2 well below 80 % of its 16,000 (the claim is contradicted). Nordlicht's incoming inspection of six
// lots under ISO 2859-1 switches to tightened inspection after two rejected lots. Goes through the same services
// a user goes through; the data is generated (deterministically) but plausible.
import { Readable } from 'node:stream';
import { principalForCli } from '../services/accounts/accounts.js';
import type { ServiceContext } from '../services/shared/context.js';
import { uploadFile } from '../services/files/files.js';
import { importQualityFile } from '../services/quality/imports.js';
import { withdrawQualityImport } from '../services/quality/import-withdrawal.js';
import { createSpecification, recordLotInspection, recordSampleTest } from '../services/quality/records.js';
import { demoPdf } from './documents.js';
import type { DemoIds } from './seed.js';
import * as clock from '../clock.js';

const DAY = 86_400_000;
const PRODUCT = 'NM-4472-A';

/** A deterministic pseudo-random source, so every seeded workspace tells the same story. */
function random(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  // Roughly normal: the sum of four uniforms, centred, σ ≈ 1.
  const normal = () => (next() + next() + next() + next() - 2) * Math.sqrt(3);
  return { next, normal };
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function dayStart(offsetDays: number): Date {
  const d = new Date(clock.nowMs() + offsetDays * DAY);
  d.setUTCHours(0, 0, 0, 0);
  return d;
}

/**
 * 60 lots over the last ~four months, alternating between the lines (one every two days). Each lot: 5 bores
 * (100 % CMM, a sample recorded per lot), 3 wall thicknesses, 3 anodising thicknesses (in µm, as the coating
 * gauge reports them). Line 2's bore drifts up by ~0.6 µm a lot over its last 12 lots.
 */
function batchCsv(line: 'Line 1' | 'Line 2'): { csv: string; lots: string[] } {
  const r = random(line === 'Line 1' ? 4422 : 4472);
  const rows = ['lot,product,produced_at,characteristic,value,unit,line'];
  const lots: string[] = [];
  const lotsOfLine = 30;
  for (let i = 0; i < lotsOfLine; i++) {
    const dayOffset = -122 + i * 4 + (line === 'Line 2' ? 2 : 0);
    const at = new Date(dayStart(dayOffset).getTime() + 6 * 3_600_000);
    const lot = `HT-${isoDate(at).slice(2, 7).replace('-', '')}-${line === 'Line 1' ? 'A' : 'B'}${String(i + 1).padStart(2, '0')}`;
    lots.push(lot);
    const drift = line === 'Line 2' && i >= lotsOfLine - 12 ? (i - (lotsOfLine - 12) + 1) * 0.0006 : 0;
    const centre = line === 'Line 1' ? 32.0118 : 32.0128;
    const sigma = line === 'Line 1' ? 0.0017 : 0.0021;
    for (let s = 0; s < 5; s++) rows.push(`${lot},${PRODUCT},${at.toISOString()},bore_diameter,${(centre + drift + r.normal() * sigma).toFixed(4)},mm,${line}`);
    for (let s = 0; s < 3; s++) rows.push(`${lot},${PRODUCT},${at.toISOString()},wall_thickness,${(2.52 + r.normal() * 0.03).toFixed(3)},mm,${line}`);
    for (let s = 0; s < 3; s++) rows.push(`${lot},${PRODUCT},${at.toISOString()},anodising_thickness,${(15.1 + r.normal() * 0.7).toFixed(1)},µm,${line}`);
  }
  return { csv: rows.join('\n') + '\n', lots };
}

/** Three lots measured while a new CMM program was being tried on scrap housings: far off nominal. */
function trialRunCsv(): string {
  const rows = ['lot,product,produced_at,characteristic,value,unit,line'];
  const at = new Date(dayStart(-9).getTime() + 14 * 3_600_000).toISOString();
  for (let lot = 1; lot <= 3; lot++) {
    for (let s = 0; s < 5; s++) rows.push(`HT-TRIAL-0${lot},${PRODUCT},${at},bore_diameter,${(32.031 + 0.004 * s - 0.003 * lot).toFixed(4)},mm,Line 1`);
  }
  return rows.join('\n') + '\n';
}

/**
 * Daily production logs (Monday to Saturday, 2 × 10 h planned) for the last six full months. Line 1 makes ~43
 * good housings per planned hour (≈ 23,000 a month, claimed 24,000); line 2 ~22 (≈ 11,800, claimed 16,000).
 */
function productionLogCsv(): string {
  const r = random(4473);
  const rows = ['site,line,period_start,period_end,planned_minutes,downtime_minutes,good_output,scrap'];
  const now = clock.now();
  const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1);
  const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  for (let d = from; d < to; d += DAY) {
    if (new Date(d).getUTCDay() === 0) continue;
    for (const [line, rate, downtime] of [
      ['Line 1', 43.2, 55],
      ['Line 2', 22.4, 95],
    ] as const) {
      const down = Math.max(0, Math.round(downtime + r.normal() * 25));
      const good = Math.max(0, Math.round(rate * ((1200 - down) / 60) * (1 + r.normal() * 0.03) * (1200 / (1200 - downtime))));
      const scrap = Math.max(0, Math.round(good * (0.006 + r.next() * 0.008)));
      // Shifts run 07:00–03:00 plant time; the record covers the production day 07:00 to 07:00 (+08:00).
      const start = `${new Date(d).toISOString().slice(0, 10)}T07:00:00+08:00`;
      const end = `${new Date(d + DAY).toISOString().slice(0, 10)}T07:00:00+08:00`;
      rows.push(`Beilun Plant 1,${line},${start},${end},1200,${down},${good},${scrap}`);
    }
  }
  return rows.join('\n') + '\n';
}

export async function seedQualityStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
  const jonas = await principalForCli(ctx, 'jonas.richter@nordlicht.example');
  const chen = await principalForCli(ctx, 'chen.jing@hengtai.example');
  const db = ctx.handle.db;
  const engagement = await db
    .selectFrom('engagements')
    .select(['id'])
    .where('buyer_organization_id', '=', ids.organizations.nordlicht)
    .where('supplier_organization_id', '=', ids.organizations.hengtai)
    .orderBy('created_at')
    .executeTakeFirst();
  if (!engagement) return;
  const engagementId = engagement.id;

  // --- the specification ----------------------------------------------------------------------------------
  const spec = await createSpecification(ctx, anna, {
    product: PRODUCT,
    title: 'IP-7 housing, rear',
    note: 'From drawing NM-4472-A rev D; critical characteristics per the IP-7 risk file.',
    characteristics: [
      { key: 'bore_diameter', name: 'Bore Ø 32 H7', unit: 'mm', nominal: 32.0, lsl: 32.0, usl: 32.025, criticality: 'critical', method: 'CMM, ISO 10360-2, 4-point probing at mid-depth' },
      { key: 'wall_thickness', name: 'Wall thickness at the motor seat', unit: 'mm', nominal: 2.5, lsl: 2.35, usl: null, criticality: 'major', method: 'Ultrasonic thickness gauge, ASTM E797' },
      { key: 'anodising_thickness', name: 'Anodising thickness (type II)', unit: 'µm', nominal: 15, lsl: 12, usl: 18, criticality: 'major', method: 'Eddy current, ISO 2360' },
    ],
  });

  // --- sample tests ---------------------------------------------------------------------------------------
  const sgsReport = await demoPdf('SGS-CSTC Ningbo — Test report NBIN2504417', [
    'Client: Nordlicht Medical GmbH. Manufacturer: Ningbo Hengtai Precision Co., Ltd.',
    'Sample: IP-7 housing, rear (NM-4472-A), 5 pieces from first-article lot HT-FA-01, drawn by SGS on site.',
    'Methods: CMM per ISO 10360-2 (Zeiss Contura G2, calibrated 2025-03-12); ISO 2360 eddy current (Fischer Dualscope FMP100).',
    'Conditions: 20.1 °C ± 0.5, 45 % RH. Accreditation: CNAS L0599.',
    'Result: all characteristics within specification.',
  ]);
  const reportFile = (await uploadFile(ctx, anna, Readable.from(sgsReport), 'SGS-NBIN2504417.pdf')).id;
  await recordSampleTest(ctx, anna, engagementId, {
    specificationId: spec.id,
    runBy: 'third_party_lab',
    lab: { name: 'SGS-CSTC Standards Technical Services (Ningbo)', accreditation: 'CNAS L0599', reportNumber: 'NBIN2504417' },
    conditions: {
      method: 'CMM per ISO 10360-2; coating thickness per ISO 2360; wall thickness per ASTM E797',
      location: 'SGS Ningbo metrology laboratory',
      equipment: [
        { name: 'Zeiss Contura G2 CMM', identifier: 'NB-CMM-07', calibratedAt: isoDate(dayStart(-160)), calibrationDueAt: isoDate(dayStart(205)) },
        { name: 'Fischer Dualscope FMP100', identifier: 'NB-CT-22', calibratedAt: isoDate(dayStart(-95)), calibrationDueAt: isoDate(dayStart(270)) },
      ],
      environment: { temperatureC: 20.1, relativeHumidityPct: 45 },
    },
    testedAt: `${isoDate(dayStart(-30))}T00:00:00.000Z`,
    reportFileId: reportFile,
    samples: [
      { sample: 'S1', values: { bore_diameter: 32.011, wall_thickness: 2.53, anodising_thickness: 15.4 } },
      { sample: 'S2', values: { bore_diameter: 32.014, wall_thickness: 2.49, anodising_thickness: 14.6 } },
      { sample: 'S3', values: { bore_diameter: 32.009, wall_thickness: 2.55, anodising_thickness: 15.9 } },
      { sample: 'S4', values: { bore_diameter: 32.012, wall_thickness: 2.51, anodising_thickness: 15.1 } },
      { sample: 'S5', values: { bore_diameter: 32.016, wall_thickness: 2.5, anodising_thickness: 14.2 } },
    ],
    note: 'First-article samples drawn by SGS on site; chain of custody in the report.',
  });
  await recordSampleTest(ctx, jonas, engagementId, {
    specificationId: spec.id,
    runBy: 'buyer',
    conditions: {
      method: 'Incoming inspection: CMM (PC-DMIS program IP7-R-03); coating thickness ISO 2360',
      location: 'Nordlicht Medical, incoming inspection lab, Kiel',
      equipment: [
        { name: 'Hexagon Global S CMM', identifier: 'NM-QS-CMM-2', calibratedAt: isoDate(dayStart(-60)), calibrationDueAt: isoDate(dayStart(305)) },
        { name: 'Elcometer 456', identifier: 'NM-QS-CT-5', calibratedAt: isoDate(dayStart(-40)) },
      ],
      environment: { temperatureC: 20.4, relativeHumidityPct: 41 },
    },
    testedAt: `${isoDate(dayStart(-18))}T09:00:00.000Z`,
    samples: [
      { sample: 'R1', values: { bore_diameter: 32.013, anodising_thickness: 15.2 } },
      { sample: 'R2', values: { bore_diameter: 32.01, anodising_thickness: 16.0 } },
      { sample: 'R3', values: { bore_diameter: 32.015, anodising_thickness: 14.9 } },
    ],
    note: 'Three parts from the first shipment measured on receipt.',
  });

  // --- Hengtai shares its batch records (one file per line) and production logs ------------------------------
  const line1 = batchCsv('Line 1');
  const line2 = batchCsv('Line 2');
  await importQualityFile(ctx, chen, engagementId, 'batches', Readable.from([Buffer.from(line1.csv)]), { filename: 'hengtai-cmm-line1.csv' });
  await importQualityFile(ctx, chen, engagementId, 'batches', Readable.from([Buffer.from(line2.csv)]), { filename: 'hengtai-cmm-line2.csv' });
  // A file exported by mistake (the CMM's new program tried on scrap parts), withdrawn with the reason: it stays in
  // the record, marked, and out of the control charts.
  const trial = await importQualityFile(ctx, chen, engagementId, 'batches', Readable.from([Buffer.from(trialRunCsv())]), { filename: 'hengtai-cmm-program-trial.csv' });
  await withdrawQualityImport(ctx, chen, engagementId, trial.id, 'Trial run of the new CMM program IP7-R-04 on scrap parts, exported with the production data by mistake.');
  await importQualityFile(ctx, chen, engagementId, 'production_logs', Readable.from([Buffer.from(productionLogCsv())]), { filename: 'hengtai-mes-production-log.csv' });

  // --- Nordlicht's incoming inspection: ISO 2859-1, level II, AQL 0.65 (major) ------------------------------
  // Lots of 3,000 → code letter K, n = 125, Ac 2 / Re 3 on normal. Two of five rejected → tightened.
  const inspected: [string, number, number][] = [
    [line1.lots[20]!, 1, -40],
    [line2.lots[20]!, 0, -36],
    [line1.lots[23]!, 3, -30],
    [line2.lots[23]!, 1, -25],
    [line2.lots[26]!, 4, -14],
    [line1.lots[27]!, 1, -6],
  ];
  for (const [lot, nonconforming, day] of inspected) {
    await recordLotInspection(ctx, jonas, engagementId, {
      product: PRODUCT,
      defectClass: 'major',
      lot,
      lotSize: 3000,
      inspectionLevel: 'II',
      aql: 0.65,
      nonconforming,
      inspectedAt: `${isoDate(dayStart(day))}T08:30:00.000Z`,
      resubmitted: false,
      productionSteady: true,
      authorityApprovesReduced: false,
      normalWarranted: false,
      correctiveActionAccepted: false,
      note: nonconforming > 2 ? 'Bore above 32.025 on CMM; lot returned, 8D requested.' : null,
    });
  }
}
