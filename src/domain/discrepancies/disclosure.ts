// Transparency about defects: a supplier that reports a problem before the buyer finds it is credited with a
// proactive disclosure (DESIGN.md, behavioural evidence). The buyer "found" it when it raised a discrepancy on the
// same record, or when the record itself is the buyer's finding (its rejected lot inspection, failed sample test,
// visit finding, rejected delivery) — whichever came first.
import type { EngagementSide } from './model.js';

export interface DisclosureInput {
  raisedBy: EngagementSide;
  raisedAt: Date;
  /** The earliest moment the buyer is on record as knowing of the problem; null when it never was. */
  buyerFoundAt: Date | null;
}

export type DisclosureVerdict =
  | { credited: true; reason: 'supplier_reported_first' }
  | { credited: false; reason: 'raised_by_buyer' | 'buyer_found_first' };

export function proactiveDisclosure(input: DisclosureInput): DisclosureVerdict {
  if (input.raisedBy === 'buyer') return { credited: false, reason: 'raised_by_buyer' };
  if (input.buyerFoundAt && input.buyerFoundAt.getTime() <= input.raisedAt.getTime()) return { credited: false, reason: 'buyer_found_first' };
  return { credited: true, reason: 'supplier_reported_first' };
}
