// Where a claim becomes supported or contradicted — the one place (DESIGN.md, "Claims"): unverified, supported
// (the strongest provenance counts) or contradicted (observed differs beyond the policy tolerance). The visit's
// capacity comparison (domain/capacity/claim.ts), readiness, the visit advisor, the profile and the web app all
// decide through the functions of this file.
import { provenanceRank, type ClaimStatus, type EvidenceEffect, type Provenance } from '../model.js';
import { byStrength, isInForce } from '../readiness/evidence.js';
import type { ClaimAssessment, EvidenceLink, ReadinessClaim, ReadinessEvidence } from '../readiness/types.js';

/** The shipped policies' capacity tolerance: observed below 80 % of the claim contradicts it. */
export const DEFAULT_CAPACITY_TOLERANCE = 0.8;

/**
 * The capacity rule: an observed (or demonstrated) quantity supports a claim when it reaches tolerance × claimed.
 * Compared with a relative epsilon, so a value exactly at the threshold counts although tolerance × claimed is
 * not exact in binary (0.81 × 40,000 = 32,400.000000000004).
 */
export function meetsCapacityTolerance(observed: number, claimed: number, tolerance: number): boolean {
  const threshold = tolerance * claimed;
  return observed >= threshold - 1e-9 * Math.max(1, Math.abs(threshold));
}

export interface ClaimStatusOptions {
  now: Date;
  /** The policy's claimTolerance.capacity, e.g. 0.8: observed below 80 % of the claimed capacity contradicts. */
  capacityTolerance?: number;
}

export interface ClaimStatusResult {
  status: ClaimStatus;
  strongestProvenance: Provenance | null;
  evidenceIds: string[];
  supportingEvidenceIds: string[];
  contradictingEvidenceIds: string[];
}

/**
 * The effect of one link. For a capacity claim with a claimed value, a link carrying an observed value is
 * decided by the tolerance rather than by the stated effect.
 */
export function effectiveEffect(claim: ReadinessClaim, link: EvidenceLink, capacityTolerance?: number): EvidenceEffect {
  if (
    claim.type === 'capacity' &&
    capacityTolerance !== undefined &&
    link.observedValue != null &&
    claim.value != null &&
    claim.value > 0
  ) {
    return meetsCapacityTolerance(link.observedValue, claim.value, capacityTolerance) ? 'supports' : 'contradicts';
  }
  return link.effect;
}

/**
 * Contradicting evidence wins when its strongest provenance is at least as strong as the strongest supporting
 * evidence; otherwise supporting evidence makes the claim supported. Expired (or not yet valid) evidence does not
 * count.
 */
export function claimStatus(
  claim: ReadinessClaim,
  evidence: readonly ReadinessEvidence[],
  options: ClaimStatusOptions,
): ClaimStatusResult {
  return statusFromLinks(claim, linksInForce(evidence, options.now).get(claim.id) ?? [], options);
}

interface LinkedEvidence {
  evidence: ReadinessEvidence;
  link: EvidenceLink;
}

/** The links of the evidence in force, per claim, in the order of the evidence (one pass over all of it). */
function linksInForce(evidence: readonly ReadinessEvidence[], now: Date): Map<string, LinkedEvidence[]> {
  const byClaim = new Map<string, LinkedEvidence[]>();
  for (const e of evidence) {
    if (!e.links?.length || !isInForce(e, now)) continue;
    for (const link of e.links) {
      const list = byClaim.get(link.claimId);
      if (list) list.push({ evidence: e, link });
      else byClaim.set(link.claimId, [{ evidence: e, link }]);
    }
  }
  return byClaim;
}

function statusFromLinks(claim: ReadinessClaim, linked: readonly LinkedEvidence[], options: ClaimStatusOptions): ClaimStatusResult {
  const supporting: ReadinessEvidence[] = [];
  const contradicting: ReadinessEvidence[] = [];
  for (const { evidence: e, link } of linked) {
    const effect = effectiveEffect(claim, link, options.capacityTolerance);
    const list = effect === 'contradicts' ? contradicting : supporting;
    // A piece's links come one after another, so a piece already in the list is its last entry.
    if (list[list.length - 1] !== e) list.push(e);
  }
  supporting.sort(byStrength);
  contradicting.sort(byStrength);
  const supportingEvidenceIds = supporting.map((e) => e.id);
  const contradictingEvidenceIds = contradicting.map((e) => e.id);
  const bestSupport = supporting[0];
  const bestContra = contradicting[0];
  if (bestContra && (!bestSupport || provenanceRank(bestContra.provenance) >= provenanceRank(bestSupport.provenance))) {
    return {
      status: 'contradicted',
      strongestProvenance: bestContra.provenance,
      evidenceIds: contradictingEvidenceIds,
      supportingEvidenceIds,
      contradictingEvidenceIds,
    };
  }
  if (bestSupport) {
    return {
      status: 'supported',
      strongestProvenance: bestSupport.provenance,
      evidenceIds: supportingEvidenceIds,
      supportingEvidenceIds,
      contradictingEvidenceIds,
    };
  }
  return { status: 'unverified', strongestProvenance: null, evidenceIds: [], supportingEvidenceIds, contradictingEvidenceIds };
}

/** Claims in scope: all claims when the engagement names no product lines, else those of its lines or of none. */
export function claimsInScope(claims: readonly ReadinessClaim[], productLines: readonly string[] | undefined): ReadinessClaim[] {
  if (!productLines || productLines.length === 0) return [...claims];
  return claims.filter((c) => c.productLine == null || productLines.includes(c.productLine));
}

export function assessClaims(
  claims: readonly ReadinessClaim[],
  evidence: readonly ReadinessEvidence[],
  options: ClaimStatusOptions,
): ClaimAssessment[] {
  const linked = linksInForce(evidence, options.now);
  return claims.map((c) => ({
    claimId: c.id,
    title: c.title,
    type: c.type,
    productLine: c.productLine ?? null,
    ...statusFromLinks(c, linked.get(c.id) ?? [], options),
  }));
}
