// Contradicted claims weigh on the behavioural sub-score (DESIGN.md: transparency about limits). A supplier that
// states a capacity its own production logs or a visit do not show has not been open about its limits, whatever
// its disclosures say; the sub-score says so with one breakdown line per contradicted claim, naming the claim and
// what it costs. Pure.
//
// How much: proportional to how far the claim is contradicted. One point on the 100-point scale per percent the
// claim overstates what was measured (shortfall = 1 − observed ÷ claimed, from the strongest contradicting evidence
// that carries a measured value), at most MAX_DEDUCTION per claim; a claim contradicted without a measured value
// (a contradicting document, finding or sample test) costs UNMEASURED_DEDUCTION. The points are scaled to the
// sub-score's available maximum (a sub-score measured on 75 points loses 75 % of them), so the percentage the
// reader sees drops by the same amount whichever inputs are measured. A deduction row has max 0: it lowers the
// points, never the maximum.
import { assessClaims, claimsInScope } from '../claims/status.js';
import type { ReadinessInput, ScoreInput } from './types.js';

export const MAX_DEDUCTION = 25;
export const UNMEASURED_DEDUCTION = 10;

/** The evidence that has claim links, by id (an engagement's evidence ids are unique): only it can contradict a claim. */
function linkedById<E extends { id: string; links?: readonly unknown[] }>(evidence: readonly E[]): Map<string, E> {
  const byId = new Map<string, E>();
  for (const e of evidence) if (e.links?.length && !byId.has(e.id)) byId.set(e.id, e);
  return byId;
}

/** The breakdown rows for contradicted claims; `availableMax` is the sum of the measured inputs' maxima. */
export function contradictedClaimDeductions(input: ReadinessInput, availableMax: number): ScoreInput[] {
  const claims = claimsInScope(input.claims, input.engagement.productLines);
  const assessed = assessClaims(claims, input.evidence, { now: input.now, capacityTolerance: input.policy.claimTolerance.capacity });
  const out: ScoreInput[] = [];
  let byId: Map<string, ReadinessInput['evidence'][number]> | undefined;
  for (const a of assessed) {
    if (a.status !== 'contradicted') continue;
    const claim = claims.find((c) => c.id === a.claimId)!;
    // The strongest contradicting evidence with a measured value for this claim (contradictingEvidenceIds are by strength).
    let observed: number | null = null;
    if (claim.value != null && claim.value > 0) {
      for (const id of a.contradictingEvidenceIds) {
        byId ??= linkedById(input.evidence);
        const link = byId.get(id)?.links?.find((l) => l.claimId === claim.id && l.observedValue != null);
        if (link) {
          observed = link.observedValue!;
          break;
        }
      }
    }
    const shortfall = observed !== null ? Math.min(1, Math.max(0, 1 - observed / claim.value!)) : null;
    const percent = shortfall !== null ? Math.round(shortfall * 100) : null;
    const nominal = percent !== null ? Math.min(MAX_DEDUCTION, percent) : UNMEASURED_DEDUCTION;
    const points = Math.round(nominal * (availableMax / 100) * 100) / 100;
    const show = (n: number) => String(Math.round(n * 100) / 100);
    out.push({
      key: 'contradicted_claim',
      label: `Contradicted claim: ${claim.title}`,
      points: -points,
      max: 0,
      available: true,
      evidenceIds: [...a.contradictingEvidenceIds],
      claimId: claim.id,
      detail:
        percent !== null
          ? `${claim.title}: ${Math.round((observed! / claim.value!) * 100)} % of the claimed value observed (${percent} % short); −${show(points)} points`
          : `${claim.title}: contradicted by the evidence on record; −${show(points)} points`,
      detailKey: percent !== null ? 'contradicted_claim_measured' : 'contradicted_claim',
      detailParams: {
        claim: claim.title,
        ...(percent !== null ? { observedPercent: Math.round((observed! / claim.value!) * 100), shortfallPercent: percent } : {}),
        points: show(points),
      },
    });
  }
  return out;
}
