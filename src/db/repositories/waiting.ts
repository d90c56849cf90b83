// What waits for an organization, per engagement: one grouped query per kind, whatever the number of engagements.
import type { Executor } from './executor.js';

const OPEN = ['credibility', 'capability_validation', 'operational_compatibility', 'partnership'];

export interface WaitingRow {
  engagement_id: string;
  title: string;
  n: number | string | bigint;
}

export async function waitingCounts(db: Executor, organizationId: string) {
  const [requests, invitations, visits, messages, evidence] = await Promise.all([
    // A buyer opened an engagement; the supplier has not answered yet.
    db
      .selectFrom('engagements as e')
      .select(['e.id as engagement_id', 'e.title', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.supplier_organization_id', '=', organizationId)
      .where('e.phase', '=', 'proposed')
      .groupBy(['e.id', 'e.title'])
      .execute(),
    // The supplier invited the buyer to verify (visit slots, samples, an auditor); the buyer has not decided.
    db
      .selectFrom('verification_invitations as i')
      .innerJoin('engagements as e', 'e.id', 'i.engagement_id')
      .select(['e.id as engagement_id', 'e.title', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.buyer_organization_id', '=', organizationId)
      .where('e.phase', 'in', OPEN)
      .where('i.status', '=', 'proposed')
      .where('i.organization_id', '<>', organizationId)
      .groupBy(['e.id', 'e.title'])
      .execute(),
    // A visit the buyer requested waits for the supplier's confirmation; dates the supplier proposed back wait for the buyer.
    db
      .selectFrom('visits as v')
      .innerJoin('engagements as e', 'e.id', 'v.engagement_id')
      .select(['e.id as engagement_id', 'e.title', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.phase', 'in', OPEN)
      .where((eb) =>
        eb.or([
          eb.and([eb('e.supplier_organization_id', '=', organizationId), eb('v.status', '=', 'proposed')]),
          eb.and([eb('e.buyer_organization_id', '=', organizationId), eb('v.status', '=', 'rescheduling')]),
        ]),
      )
      .groupBy(['e.id', 'e.title'])
      .execute(),
    // Technical inquiries of the other side that no one of this organization has answered.
    db
      .selectFrom('messages as m')
      .innerJoin('engagements as e', 'e.id', 'm.engagement_id')
      .select(['e.id as engagement_id', 'e.title', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.phase', 'in', OPEN)
      .where((eb) => eb.or([eb('e.buyer_organization_id', '=', organizationId), eb('e.supplier_organization_id', '=', organizationId)]))
      .where('m.kind', '=', 'technical_inquiry')
      .where('m.organization_id', '<>', organizationId)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('messages as r').select('r.id').whereRef('r.in_reply_to', '=', 'm.id').where('r.kind', '=', 'response').where('r.organization_id', '=', organizationId))),
      )
      .groupBy(['e.id', 'e.title'])
      .execute(),
    // Files the other side asked this organization for, still open.
    db
      .selectFrom('file_requests as f')
      .innerJoin('engagements as e', 'e.id', 'f.engagement_id')
      .select(['e.id as engagement_id', 'e.title', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.phase', 'in', OPEN)
      .where('f.requested_from_organization_id', '=', organizationId)
      .where('f.status', '=', 'open')
      .groupBy(['e.id', 'e.title'])
      .execute(),
  ]);
  return { requests: [...requests, ...invitations] as WaitingRow[], visits: visits as WaitingRow[], messages: messages as WaitingRow[], evidence: evidence as WaitingRow[] };
}
