// Specifications (the buyer's), sample tests and AQL lot inspections inside an engagement.
//
// Specifications are versioned: a change (PUT) writes a new version with the characteristics in full, and
// earlier versions stay readable, so a sample test or an import always names the version it was checked
// against. A characteristic keeps its unit across versions (stored batch values are in that unit); to measure in
// another unit, add a characteristic. A specification is archived, not deleted (tests refer to it).
//
// The buyer's specifications apply to an engagement when its scope names their product (see productInScope);
// the supplier of the engagement reads those, and nothing else of the buyer's.
import type { z } from 'zod';
import type {
  AqlPlanQuery,
  LotInspectionInput,
  LotInspectionQuery,
  SampleTestInput,
  SpecificationInput,
  SpecificationUpdate,
} from '../../contracts/quality.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';

import type { Executor } from '../../db/repositories/executor.js';
import { findVisibleFile } from '../../db/repositories/files.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import {
  findActiveSpecificationByProduct,
  findOwnSpecification,
  findSpecificationVersion,
  insertLotInspection,
  insertSampleTest,
  insertSpecification,
  insertSpecificationVersion,
  lastLotInspection,
  listLotInspections,
  listSampleTests,
  listSpecificationVersions,
  listSpecifications,
  updateSpecification,
  type LotInspectionRow,
  type SampleTestRow,
  type SpecificationRow,
} from '../../db/repositories/quality.js';
import { AqlInputError, initialInspectionState, replayInspectionHistory, samplingPlan, type InspectionState } from '../../domain/aql/index.js';
import type { Provenance } from '../../domain/model.js';
import {
  evaluateSampleTest,
  normalizeUnit,
  productInScope,
  productKey,
  SampleTestInputError,
  type CharacteristicSpec,
} from '../../domain/quality/index.js';
import { sampleTestNeedsReport, sampleTestProvenance } from '../../domain/quality/sample-tests.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { insertEvidenceRecord, shareEvidenceFiles } from '../engagements/evidence.js';
import { newId, nowIso } from '../shared/ids.js';
import { specificationsForEngagement } from './data.js';
import { shareAndLog } from '../record/hooks.js';

// ---------------------------------------------------------------------------------------------------------------
// Specifications

type SpecInput = z.infer<typeof SpecificationInput>;

function characteristicsOf(input: SpecInput['characteristics']): CharacteristicSpec[] {
  return input.map((c) => ({
    key: c.key,
    name: c.name,
    unit: normalizeUnit(c.unit),
    nominal: c.nominal,
    lsl: c.lsl,
    usl: c.usl,
    criticality: c.criticality,
    method: c.method,
  }));
}

async function specificationView(db: Executor, s: SpecificationRow, version?: number) {
  const versions = await listSpecificationVersions(db, [s.id]);
  const shown = versions.find((v) => v.version === (version ?? s.current_version));
  if (!shown) throw notFound('specification version');
  return {
    id: s.id,
    organizationId: s.organization_id,
    product: s.product,
    title: shown.title,
    version: shown.version,
    currentVersion: s.current_version,
    characteristics: JSON.parse(shown.characteristics) as CharacteristicSpec[],
    note: shown.note,
    versions: versions.map((v) => ({ version: v.version, title: v.title, note: v.note, createdAt: v.created_at, createdBy: v.created_by_name ?? '' })),
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    archivedAt: s.archived_at,
  };
}

export async function createSpecification(ctx: ServiceContext, actor: Actor, input: SpecInput) {
  authorize(actor, 'specification.manage');
  const db = ctx.handle.db;
  const key = productKey(input.product);
  const at = nowIso();
  const row: SpecificationRow = {
    id: newId(),
    organization_id: actor.organizationId,
    product: input.product,
    product_key: key,
    title: input.title,
    current_version: 1,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    if (await findActiveSpecificationByProduct(trx, actor.organizationId, key)) {
      throw conflict(`there is already a specification for ${input.product}; change it (a new version) instead`, [{ path: 'product', message: 'already specified' }]);
    }
    await insertSpecification(trx, row);
    await insertSpecificationVersion(trx, {
      specification_id: row.id,
      version: 1,
      title: input.title,
      characteristics: JSON.stringify(characteristicsOf(input.characteristics)),
      note: input.note ?? null,
      created_by: actor.userId,
      created_at: at,
    });
    await recordAudit(trx, actor, 'specification.created', 'specification', row.id, { product: row.product, characteristics: input.characteristics.length });
  });
  return specificationView(db, row);
}

export async function updateSpecificationVersion(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof SpecificationUpdate>) {
  authorize(actor, 'specification.read');
  const db = ctx.handle.db;
  const s = await findOwnSpecification(db, actor.organizationId, id);
  if (!s) throw notFound('specification');
  authorize(actor, 'specification.manage');
  if (s.archived_at) throw conflict('the specification is archived');
  const previous = (await findSpecificationVersion(db, s.id, s.current_version))!;
  const before = JSON.parse(previous.characteristics) as CharacteristicSpec[];
  const next = characteristicsOf(input.characteristics);
  next.forEach((c, i) => {
    const old = before.find((b) => b.key.toLowerCase() === c.key.toLowerCase());
    if (old && old.unit !== c.unit) {
      throw invalidField(`characteristics.${i}.unit`, `the unit of ${c.key} was ${old.unit}; a characteristic keeps its unit (stored values are in it) — add a new characteristic instead`);
    }
  });
  const version = s.current_version + 1;
  const at = nowIso();
  const title = input.title ?? previous.title;
  await db.transaction().execute(async (trx) => {
    await insertSpecificationVersion(trx, { specification_id: s.id, version, title, characteristics: JSON.stringify(next), note: input.note ?? null, created_by: actor.userId, created_at: at });
    await updateSpecification(trx, s.id, { current_version: version, title, updated_at: at });
    await recordAudit(trx, actor, 'specification.revised', 'specification', s.id, { version });
  });
  return specificationView(db, { ...s, current_version: version, title, updated_at: at });
}

export async function archiveSpecification(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'specification.read');
  const db = ctx.handle.db;
  const s = await findOwnSpecification(db, actor.organizationId, id);
  if (!s) throw notFound('specification');
  authorize(actor, 'specification.manage');
  if (s.archived_at) throw conflict('the specification is already archived');
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await updateSpecification(trx, s.id, { archived_at: at, updated_at: at });
    await recordAudit(trx, actor, 'specification.archived', 'specification', s.id, { product: s.product });
  });
}

export async function listOwnSpecifications(ctx: ServiceContext, actor: Actor, q: { product?: string; includeArchived?: 'true' | 'false' }) {
  authorize(actor, 'specification.read');
  let rows = await listSpecifications(ctx.handle.db, actor.organizationId, { includeArchived: q.includeArchived === 'true' });
  if (q.product) rows = rows.filter((r) => r.product_key === productKey(q.product!));
  return Promise.all(rows.map((r) => specificationView(ctx.handle.db, r)));
}

export async function getOwnSpecification(ctx: ServiceContext, actor: Actor, id: string, version?: number) {
  authorize(actor, 'specification.read');
  const s = await findOwnSpecification(ctx.handle.db, actor.organizationId, id);
  if (!s) throw notFound('specification');
  return specificationView(ctx.handle.db, s, version);
}

export async function listEngagementSpecifications(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'specification.read');
  const specs = await specificationsForEngagement(ctx.handle.db, e);
  return Promise.all(specs.map((s) => specificationView(ctx.handle.db, s.row)));
}

/** A specification of the engagement's buyer that applies to the engagement, or a 400 on `path`. */
async function engagementSpecification(db: Executor, e: EngagementRow, id: string, path: string): Promise<SpecificationRow> {
  // Only the buyer's own specifications are found (the organization in the WHERE).
  const s = await findOwnSpecification(db, e.buyer_organization_id, id);
  const scope = JSON.parse(e.scope) as { products?: string[] };
  if (!s || !productInScope(s.product, s.title, scope.products ?? [])) {
    throw invalidField(path, "no such specification of the buyer's for a product of this engagement");
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Sample tests

type SampleTestInputT = z.infer<typeof SampleTestInput>;

/** Provenance from who ran the test and who records it (domain/quality/sample-tests.ts decides). */
function sampleTestProvenanceOf(actor: Actor, runBy: SampleTestInputT['runBy']): Provenance {
  const provenance = sampleTestProvenance(actor.organizationKind, runBy);
  if (provenance === null) throw invalidField('runBy', "a test run by the buyer's lab is recorded by the buyer");
  return provenance;
}

function sampleTestView(r: SampleTestRow & { recorded_by_name: string | null; specification_title: string; provenance: string }) {
  const conditions = JSON.parse(r.conditions) as Record<string, unknown> & { lab?: { name: string; accreditation?: string | null; reportNumber?: string | null } };
  const { lab, ...rest } = conditions;
  return {
    id: r.id,
    engagementId: r.engagement_id,
    specification: { id: r.specification_id, version: r.specification_version, product: r.product, title: r.specification_title },
    runBy: r.run_by as SampleTestInputT['runBy'],
    lab: lab ?? null,
    conditions: rest,
    testedAt: r.tested_at,
    samples: JSON.parse(r.samples) as { sample: string; values: Record<string, number> }[],
    results: JSON.parse(r.results),
    verdict: r.verdict as 'pass' | 'fail',
    evidence: { id: r.evidence_id, provenance: r.provenance, kind: 'sample_test' as const },
    reportFileId: r.report_file_id,
    recordedBy: { organizationId: r.recorded_by_organization_id, userId: r.recorded_by, displayName: r.recorded_by_name ?? '' },
    note: r.note,
    createdAt: r.created_at,
  };
}

export async function recordSampleTest(ctx: ServiceContext, actor: Actor, engagementId: string, input: SampleTestInputT) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'sample_test.record');
  authorize(actor, 'evidence.record');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: sample tests are recorded once the supplier has accepted and while it is open`);
  const db = ctx.handle.db;
  const spec = await engagementSpecification(db, e, input.specificationId, 'specificationId');
  const version = input.specificationVersion ?? spec.current_version;
  const v = await findSpecificationVersion(db, spec.id, version);
  if (!v) throw invalidField('specificationVersion', `the specification has versions 1 to ${spec.current_version}`);
  const characteristics = JSON.parse(v.characteristics) as CharacteristicSpec[];
  let evaluation;
  try {
    evaluation = evaluateSampleTest(characteristics, input.samples);
  } catch (err) {
    if (err instanceof SampleTestInputError) throw invalidField(err.path, err.message);
    throw err;
  }
  const provenance = sampleTestProvenanceOf(actor, input.runBy);
  if (sampleTestNeedsReport(provenance) && !input.reportFileId) {
    throw invalidField('reportFileId', `a ${provenance.replace('_', '-')} sample test needs its test report attached (upload it first)`);
  }
  if (input.reportFileId) {
    const f = await findVisibleFile(db, actor.organizationId, input.reportFileId);
    if (!f || f.organization_id !== actor.organizationId) throw invalidField('reportFileId', 'no such file of yours (upload it first)');
  }
  const runnerName =
    input.runBy === 'third_party_lab'
      ? input.lab!.name
      : ((await findOrganization(db, input.runBy === 'buyer' ? e.buyer_organization_id : e.supplier_organization_id))?.name ?? '');
  const at = nowIso();
  const id = newId();
  const verdictText = evaluation.verdict === 'pass' ? 'pass' : 'FAIL';
  await db.transaction().execute(async (trx) => {
    const evidence = await insertEvidenceRecord(
      trx,
      actor,
      {
        kind: 'sample_test',
        provenance,
        title: `Sample test ${spec.product} against ${v.title} v${version}: ${verdictText} (${input.samples.length} samples, ${runnerName})`,
        description: `${evaluation.summary}. Method: ${input.conditions.method}.`,
        issuer: runnerName || null,
        issuedAt: input.testedAt,
        attributes: {
          specification: `${spec.product} v${version}`,
          standard: input.conditions.method.slice(0, 500),
          verdict: evaluation.verdict,
          samples: String(input.samples.length),
          runBy: input.runBy,
          ...(input.lab?.reportNumber ? { reportNumber: input.lab.reportNumber } : {}),
          ...(input.lab?.accreditation ? { accreditation: input.lab.accreditation } : {}),
        },
        fileIds: input.reportFileId ? [input.reportFileId] : [],
        links: [],
      },
      e.supplier_organization_id,
      {
        key: 'sample_test',
        params: { product: spec.product, specification: v.title, version, verdict: evaluation.verdict, samplesCount: input.samples.length, runner: runnerName },
      },
    );
    await shareAndLog(trx, { engagement_id: e.id, evidence_id: evidence.id, shared_by_organization_id: actor.organizationId, shared_by: actor.userId, shared_at: at });
    await shareEvidenceFiles(trx, actor, evidence.id, [e.buyer_organization_id, e.supplier_organization_id]);
    await insertSampleTest(trx, {
      id,
      engagement_id: e.id,
      specification_id: spec.id,
      specification_version: version,
      product: spec.product,
      recorded_by_organization_id: actor.organizationId,
      recorded_by: actor.userId,
      run_by: input.runBy,
      lab_name: input.lab?.name ?? null,
      conditions: JSON.stringify({ ...input.conditions, ...(input.lab ? { lab: input.lab } : {}) }),
      tested_at: input.testedAt,
      samples: JSON.stringify(input.samples),
      results: JSON.stringify(evaluation.characteristics),
      verdict: evaluation.verdict,
      evidence_id: evidence.id,
      report_file_id: input.reportFileId ?? null,
      note: input.note ?? null,
      created_at: at,
    });
    await recordAudit(trx, actor, 'sample_test.recorded', 'engagement', e.id, { sampleTestId: id, evidenceId: evidence.id, verdict: evaluation.verdict, provenance });
  });
  return (await listSampleTestViews(db, e.id)).find((t) => t.id === id)!;
}

async function listSampleTestViews(db: Executor, engagementId: string) {
  return (await listSampleTests(db, engagementId)).map(sampleTestView);
}

export async function listEngagementSampleTests(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  return listSampleTestViews(ctx.handle.db, e.id);
}

// ---------------------------------------------------------------------------------------------------------------
// AQL

const AQL_FIELDS: Record<string, string> = { lotSize: 'lotSize', aql: 'aql', level: 'level', severity: 'severity', nonconforming: 'nonconforming', plan: 'aql' };

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

export function aqlPlan(actor: Actor, q: z.infer<typeof AqlPlanQuery>) {
  authorize(actor, 'engagement.read');
  let p;
  try {
    p = samplingPlan({ lotSize: q.lotSize, aql: q.aql, level: q.level, severity: q.severity });
  } catch (err) {
    if (err instanceof AqlInputError) throw invalidField(AQL_FIELDS[err.field] ?? err.field, err.message);
    throw err;
  }
  const arrow =
    p.planLetter !== p.codeLetter
      ? ` The arrow at ${p.codeLetter} / AQL ${q.aql} leads to the plan of row ${p.planLetter}, so n = ${fmtInt(p.planSampleSize)} (not the ${p.codeLetter} row's own sample size).`
      : '';
  const all = p.hundredPercent ? ` n ≥ the lot size, so every one of the ${fmtInt(q.lotSize)} units is inspected.` : '';
  return {
    lotSize: q.lotSize,
    aql: q.aql,
    level: q.level,
    severity: q.severity,
    ...p,
    explanation:
      `Lot of ${fmtInt(q.lotSize)} at inspection level ${q.level}: code letter ${p.codeLetter} (ISO 2859-1 Table I). ` +
      `${q.severity[0]!.toUpperCase()}${q.severity.slice(1)} single sampling at AQL ${q.aql}: inspect ${fmtInt(p.sampleSize)}, accept with ≤ ${p.accept} nonconforming, reject with ≥ ${p.reject}.` +
      arrow +
      all,
  };
}

type LotInput = z.infer<typeof LotInspectionInput>;

function lotView(r: LotInspectionRow & { recorded_by_name: string | null }) {
  const state = JSON.parse(r.state_after) as InspectionState;
  return {
    id: r.id,
    engagementId: r.engagement_id,
    product: r.product,
    defectClass: r.defect_class as LotInput['defectClass'],
    seq: r.seq,
    lot: r.lot,
    lotSize: r.lot_size,
    inspectionLevel: r.inspection_level as LotInput['inspectionLevel'],
    aql: Number(r.aql),
    severity: r.severity as InspectionState['status'],
    plan: { codeLetter: r.code_letter, planLetter: r.plan_letter, sampleSize: r.sample_size, accept: r.accept_number, reject: r.reject_number, hundredPercent: r.hundred_percent === 1 },
    nonconforming: r.nonconforming,
    decision: r.decision as 'accepted' | 'accepted-normal-reinstated' | 'not-accepted',
    resubmitted: r.resubmitted === 1,
    switchingScore: r.switching_score,
    statusAfter: state.status,
    transitions: JSON.parse(r.transitions) as { from: InspectionState['status']; to: InspectionState['status']; reason: string; detail: string }[],
    inspectedAt: r.inspected_at,
    recordedBy: { userId: r.recorded_by, displayName: r.recorded_by_name ?? '' },
    note: r.note,
    createdAt: r.created_at,
  };
}

/**
 * The buyer records an inspected lot: the plan comes from the severity the switching rules have reached for this
 * product and defect class in the engagement, the decision from the nonconforming count, and the switching state
 * moves on (ISO 2859-1; the domain's replayInspectionHistory applied to this lot from the last stored state).
 */
export async function recordLotInspection(ctx: ServiceContext, actor: Actor, engagementId: string, input: LotInput) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'lot_inspection.record');
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden('lot inspections are recorded by the buyer');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}`);
  const key = productKey(input.product);
  const id = newId();
  await ctx.handle.db.transaction().execute(async (trx) => {
    const last = await lastLotInspection(trx, e.id, key, input.defectClass);
    const initial = last ? (JSON.parse(last.state_after) as InspectionState) : initialInspectionState();
    let replay;
    try {
      replay = replayInspectionHistory(
        [
          {
            id: input.lot,
            lotSize: input.lotSize,
            aql: input.aql,
            level: input.inspectionLevel,
            nonconforming: input.nonconforming,
            resubmitted: input.resubmitted,
            productionSteady: input.productionSteady,
            authorityApprovesReduced: input.authorityApprovesReduced,
            normalWarranted: input.normalWarranted,
            correctiveActionAccepted: input.correctiveActionAccepted,
          },
        ],
        { initial },
      );
    } catch (err) {
      if (err instanceof AqlInputError) throw invalidField(AQL_FIELDS[err.field] ?? err.field, err.message);
      throw err;
    }
    const lot = replay.lots[0]!;
    if (lot.plan.sampleSize !== null && input.nonconforming > lot.plan.sampleSize) {
      throw invalidField('nonconforming', `more nonconforming items (${input.nonconforming}) than the sample size (${lot.plan.sampleSize})`);
    }
    const hundredPercent = lot.plan.sampleSize !== null && lot.plan.sampleSize >= input.lotSize;
    await insertLotInspection(trx, {
      id,
      engagement_id: e.id,
      supplier_organization_id: e.supplier_organization_id,
      product: last?.product ?? input.product,
      product_key: key,
      defect_class: input.defectClass,
      seq: (last?.seq ?? 0) + 1,
      lot: input.lot,
      lot_size: input.lotSize,
      inspection_level: input.inspectionLevel,
      aql: input.aql,
      severity: lot.severity,
      code_letter: lot.plan.codeLetter,
      plan_letter: lot.plan.planLetter,
      sample_size: lot.plan.sampleSize,
      accept_number: lot.plan.accept,
      reject_number: lot.plan.reject,
      hundred_percent: hundredPercent ? 1 : 0,
      nonconforming: input.nonconforming,
      decision: lot.decision,
      resubmitted: input.resubmitted ? 1 : 0,
      conditions: JSON.stringify({
        productionSteady: input.productionSteady,
        authorityApprovesReduced: input.authorityApprovesReduced,
        normalWarranted: input.normalWarranted,
        correctiveActionAccepted: input.correctiveActionAccepted,
      }),
      switching_score: lot.switchingScore,
      state_after: JSON.stringify(replay.finalState),
      transitions: JSON.stringify(lot.transitions),
      inspected_at: input.inspectedAt ?? nowIso(),
      recorded_by: actor.userId,
      recorded_by_organization_id: actor.organizationId,
      note: input.note ?? null,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, 'lot_inspection.recorded', 'engagement', e.id, {
      lotInspectionId: id,
      lot: input.lot,
      decision: lot.decision,
      severity: lot.severity,
      switchedTo: lot.transitions.map((t) => t.to),
    });
  });
  const rows = await listLotInspections(ctx.handle.db, e.id, { productKey: key, defectClass: input.defectClass });
  return lotView(rows.find((r) => r.id === id)!);
}

export async function listEngagementLotInspections(ctx: ServiceContext, actor: Actor, engagementId: string, q: z.infer<typeof LotInspectionQuery>) {
  const e = await loadEngagement(ctx, actor, engagementId);
  const rows = await listLotInspections(ctx.handle.db, e.id, { productKey: q.product ? productKey(q.product) : undefined, defectClass: q.defectClass });
  const lots = rows.map(lotView);
  const schemes = new Map<string, typeof lots>();
  for (const l of lots) {
    const k = `${productKey(l.product)}\u0000${l.defectClass}`;
    schemes.set(k, [...(schemes.get(k) ?? []), l]);
  }
  return {
    lots,
    schemes: [...schemes.values()].map((list) => {
      const last = list[list.length - 1]!;
      const state = JSON.parse(rows.find((r) => r.id === last.id)!.state_after) as InspectionState;
      return {
        product: last.product,
        defectClass: last.defectClass,
        status: state.status,
        switchingScore: state.switchingScore,
        lots: list.length,
        lastLot: last.lot,
        history: list.flatMap((l) => l.transitions.map((t) => ({ ...t, lot: l.lot, seq: l.seq, at: l.inspectedAt }))),
      };
    }),
  };
}
