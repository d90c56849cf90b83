// What a discrepancy is raised against, found inside its engagement (anything else is "no such record here"), with
// a label both sides recognise and the moment the buyer is on record as knowing of the problem — which decides
// whether a supplier's report counts as a proactive disclosure.
import type { z } from 'zod';
import type { DiscrepancyTargetInput } from '../../contracts/discrepancies.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import type { DiscrepancyTargetKind } from '../../domain/discrepancies/model.js';
import { invalidField } from '../shared/errors.js';
import type { TextParams } from '../shared/text-params.js';

export interface ResolvedTarget {
  kind: DiscrepancyTargetKind;
  id: string;
  /** English, as stored and exported; the web words `labelParams` instead. */
  label: string;
  /** What the label is written from, for the reader's language (per kind; dates as YYYY-MM-DD). */
  labelParams: TargetLabelParams;
  /** When the buyer's side itself found the problem in this record (its rejection, failed test, finding). */
  buyerFoundAt: string | null;
}

export type TargetLabelParams = TextParams;

type Resolver = (db: Executor, e: EngagementRow, id: string) => Promise<ResolvedTarget | null>;

const batchRecordLabel = (lot: string, product: string, producedAt: string) => ({
  label: `Batch record, lot ${lot} (${product}), produced ${producedAt.slice(0, 10)}`,
  labelParams: { lot, product, date: producedAt.slice(0, 10) },
});
const claimLabel = (title: string) => ({ label: `Claim: ${title}`, labelParams: { title } });

const shortText = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

const RESOLVERS: Record<DiscrepancyTargetKind, Resolver> = {
  async lot_inspection(db, e, id) {
    if (!isUuid(id)) return null;
    const r = await db.selectFrom('lot_inspections').selectAll().where('id', '=', id).where('engagement_id', '=', e.id).executeTakeFirst();
    if (!r) return null;
    const rejected = r.decision === 'not-accepted';
    return {
      kind: 'lot_inspection',
      id,
      label: `Lot ${r.lot} (${r.product}), incoming inspection ${r.inspected_at.slice(0, 10)}: ${rejected ? 'not accepted' : 'accepted'}, ${r.nonconforming} nonconforming`,
      labelParams: { lot: r.lot, product: r.product, date: r.inspected_at.slice(0, 10), decision: rejected ? 'not_accepted' : 'accepted', nonconforming: r.nonconforming },
      buyerFoundAt: rejected && r.recorded_by_organization_id === e.buyer_organization_id ? r.inspected_at : null,
    };
  },
  async sample_test(db, e, id) {
    if (!isUuid(id)) return null;
    const r = await db.selectFrom('sample_tests').selectAll().where('id', '=', id).where('engagement_id', '=', e.id).executeTakeFirst();
    if (!r) return null;
    return {
      kind: 'sample_test',
      id,
      label: `Sample test of ${r.product}, ${r.tested_at.slice(0, 10)}: ${r.verdict}`,
      labelParams: { product: r.product, date: r.tested_at.slice(0, 10), verdict: r.verdict },
      buyerFoundAt: r.verdict === 'fail' && r.recorded_by_organization_id !== e.supplier_organization_id ? r.created_at : null,
    };
  },
  async batch_record(db, e, lot) {
    const r = await db
      .selectFrom('batch_measurements')
      .innerJoin('quality_imports', 'quality_imports.id', 'batch_measurements.import_id')
      .select(['batch_measurements.lot', 'batch_measurements.product', 'batch_measurements.produced_at'])
      .where('quality_imports.engagement_id', '=', e.id)
      .where('quality_imports.status', '=', 'completed')
      .where('batch_measurements.lot', '=', lot)
      .limit(1)
      .executeTakeFirst();
    if (!r) return null;
    return { kind: 'batch_record', id: lot, ...batchRecordLabel(r.lot, r.product, r.produced_at), buyerFoundAt: null };
  },
  async claim(db, e, id) {
    if (!isUuid(id)) return null;
    const r = await db.selectFrom('claims').selectAll().where('id', '=', id).where('organization_id', '=', e.supplier_organization_id).executeTakeFirst();
    if (!r) return null;
    return { kind: 'claim', id, ...claimLabel(r.title), buyerFoundAt: null };
  },
  async visit_finding(db, e, id) {
    if (!isUuid(id)) return null;
    const r = await db
      .selectFrom('visit_findings')
      .innerJoin('visits', 'visits.id', 'visit_findings.visit_id')
      .leftJoin('sites', 'sites.id', 'visits.site_id')
      .select(['visit_findings.severity', 'visit_findings.text', 'visit_findings.organization_id', 'visit_findings.created_at', 'visits.title', 'visits.type', 'sites.name as site_name'])
      .where('visit_findings.id', '=', id)
      .where('visits.engagement_id', '=', e.id)
      .executeTakeFirst();
    if (!r) return null;
    return {
      kind: 'visit_finding',
      id,
      label: `Finding (${r.severity}) of ${r.title}: ${shortText(r.text)}`,
      // The visit's type and site, so a default title ("Factory visit — <site>") is worded in the reader's language too.
      labelParams: { severity: r.severity, visit: r.title, visitType: r.type, site: r.site_name ?? null, text: shortText(r.text) },
      // Found on the visit by the buyer or its invited auditor: not the supplier's disclosure.
      buyerFoundAt: r.organization_id !== e.supplier_organization_id ? r.created_at : null,
    };
  },
  async delivery(db, e, id) {
    return resolveDelivery(db, e, id);
  },
};

/**
 * A delivery (goods receipt) of the engagement's orders. The buyer found the problem when it rejected part of the
 * delivery on receipt or at its incoming inspection.
 */
async function resolveDelivery(db: Executor, e: EngagementRow, id: string): Promise<ResolvedTarget | null> {
  if (!isUuid(id)) return null;
  const r = await db.selectFrom('deliveries').selectAll().where('id', '=', id).where('engagement_id', '=', e.id).executeTakeFirst();
  if (!r) return null;
  const inspection = await db
    .selectFrom('incoming_inspections')
    .select(['inspected_at', 'rejected_qty', 'decision', 'recorded_by_organization_id'])
    .where('delivery_id', '=', id)
    .where('decision', '=', 'rejected')
    .orderBy('inspected_at')
    .executeTakeFirst();
  const unit = r.unit ? ` ${r.unit}` : '';
  const rejected = inspection ? inspection.rejected_qty : r.rejected_qty;
  const labelParams: TargetLabelParams = {
    number: `${r.delivery_no ?? r.order_no}${r.order_line ? `/${r.order_line}` : ''}`,
    item: r.item ?? null,
    lot: r.lot ?? null,
    date: r.received_at.slice(0, 10),
    received: r.received_qty,
    unit: r.unit ?? null,
    rejected,
  };
  const label = [
    `Delivery ${r.delivery_no ?? r.order_no}${r.order_line ? `/${r.order_line}` : ''}`,
    r.item ? ` (${r.item})` : '',
    r.lot ? `, lot ${r.lot}` : '',
    `, received ${r.received_at.slice(0, 10)}: ${r.received_qty}${unit}`,
    rejected > 0 ? `, ${rejected}${unit} rejected` : '',
  ].join('');
  const buyerFoundAt =
    inspection && inspection.recorded_by_organization_id === e.buyer_organization_id
      ? inspection.inspected_at
      : r.rejected_qty > 0 && r.recorded_by_organization_id === e.buyer_organization_id
        ? r.received_at
        : null;
  return { kind: 'delivery', id, label, labelParams, buyerFoundAt };
}

export async function resolveTarget(db: Executor, e: EngagementRow, target: z.infer<typeof DiscrepancyTargetInput>): Promise<ResolvedTarget> {
  const found = await RESOLVERS[target.kind](db, e, target.id);
  if (!found) throw invalidField('target.id', `no such ${target.kind.replace(/_/g, ' ')} in this engagement`);
  return found;
}

export interface TargetOption {
  kind: DiscrepancyTargetKind;
  id: string;
  label: string;
  labelParams: TargetLabelParams;
  /** A rejection, failed test or finding: what a discrepancy is usually raised about. */
  problem: boolean;
}

/** The records of the engagement a discrepancy can be raised against, newest first, problems marked. */
export async function listTargetOptions(db: Executor, e: EngagementRow): Promise<TargetOption[]> {
  const out: TargetOption[] = [];
  const deliveries = await db.selectFrom('deliveries').select(['id']).where('engagement_id', '=', e.id).orderBy('received_at', 'desc').limit(50).execute();
  for (const d of deliveries) {
    const r = await resolveDelivery(db, e, d.id);
    if (r) out.push({ kind: 'delivery', id: d.id, label: r.label, labelParams: r.labelParams, problem: Number(r.labelParams.rejected) > 0 });
  }
  const lots = await db.selectFrom('lot_inspections').select(['id']).where('engagement_id', '=', e.id).orderBy('inspected_at', 'desc').limit(50).execute();
  for (const l of lots) {
    const r = await RESOLVERS.lot_inspection(db, e, l.id);
    if (r) out.push({ kind: 'lot_inspection', id: l.id, label: r.label, labelParams: r.labelParams, problem: r.labelParams.decision === 'not_accepted' });
  }
  const tests = await db.selectFrom('sample_tests').select(['id', 'verdict']).where('engagement_id', '=', e.id).orderBy('tested_at', 'desc').limit(30).execute();
  for (const s of tests) {
    const r = await RESOLVERS.sample_test(db, e, s.id);
    if (r) out.push({ kind: 'sample_test', id: s.id, label: r.label, labelParams: r.labelParams, problem: s.verdict === 'fail' });
  }
  const findings = await db
    .selectFrom('visit_findings')
    .innerJoin('visits', 'visits.id', 'visit_findings.visit_id')
    .select(['visit_findings.id', 'visit_findings.severity'])
    .where('visits.engagement_id', '=', e.id)
    .orderBy('visit_findings.created_at', 'desc')
    .limit(30)
    .execute();
  for (const f of findings) {
    const r = await RESOLVERS.visit_finding(db, e, f.id);
    if (r) out.push({ kind: 'visit_finding', id: f.id, label: r.label, labelParams: r.labelParams, problem: f.severity !== 'observation' });
  }
  const batchLots = await db
    .selectFrom('batch_measurements')
    .innerJoin('quality_imports', 'quality_imports.id', 'batch_measurements.import_id')
    .select(['batch_measurements.lot', (eb) => eb.fn.max('batch_measurements.produced_at').as('produced_at'), (eb) => eb.fn.max('batch_measurements.product').as('product')])
    .where('quality_imports.engagement_id', '=', e.id)
    .where('quality_imports.status', '=', 'completed')
    .groupBy('batch_measurements.lot')
    .orderBy('produced_at', 'desc')
    .limit(30)
    .execute();
  for (const b of batchLots) out.push({ kind: 'batch_record', id: b.lot, ...batchRecordLabel(b.lot, String(b.product), String(b.produced_at)), problem: false });
  const claims = await db.selectFrom('claims').select(['id', 'title']).where('organization_id', '=', e.supplier_organization_id).where('withdrawn_at', 'is', null).orderBy('created_at').execute();
  for (const c of claims) out.push({ kind: 'claim', id: c.id, ...claimLabel(c.title), problem: false });
  return out;
}
