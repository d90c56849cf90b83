// The two sub-scores of DESIGN.md, never blended: formal systems (intent and a minimum standard) and
// behavioural evidence (the system is used under business pressure). Each breaks down to its inputs.
import { OPEN_PHASES, provenanceAtLeast, type Provenance } from '../model.js';
import { inquiryResponseStats } from '../communication/response-times.js';
import { DAYS_PER_MONTH } from '../periods.js';
import { capabilityClass, type CapabilityClass } from '../spc/capability.js';
import { byStrength, evidenceAgeDays, isInForce, QMS_STANDARDS, subjectMatches } from './evidence.js';
import { provenanceEn } from './messages.js';
import { contradictedClaimDeductions } from './claim-deductions.js';
import type { ReadinessEvidence, ReadinessInput, ScoreInput, SubScore } from './types.js';
import type { EvidenceKind } from '../model.js';

function total(inputs: ScoreInput[]): SubScore {
  const available = inputs.filter((i) => i.available);
  const points = available.reduce((s, i) => s + i.points, 0);
  const max = available.reduce((s, i) => s + i.max, 0);
  return {
    // Deductions (rows with max 0, negative points) may take the points below zero; the score stops at 0.
    score: max > 0 ? Math.max(0, Math.round((points / max) * 100)) : null,
    points: Math.round(points * 100) / 100,
    max,
    inputs,
  };
}

/** Points by the provenance of the strongest piece: the first entry whose provenance is reached. */
type Ladder = readonly [Provenance, number][];

function best(
  evidence: readonly ReadinessEvidence[],
  now: Date,
  kinds: readonly EvidenceKind[],
  filter: (e: ReadinessEvidence) => boolean = () => true,
): ReadinessEvidence[] {
  return evidence.filter((e) => kinds.includes(e.kind) && isInForce(e, now) && filter(e)).sort(byStrength);
}

function ladderInput(
  key: string,
  label: string,
  max: number,
  ladder: Ladder,
  found: ReadinessEvidence[],
  none: string,
): ScoreInput {
  const top = found[0];
  if (!top) return { key, label, points: 0, max, available: true, evidenceIds: [], detail: none };
  const step = ladder.find(([p]) => provenanceAtLeast(top.provenance, p));
  const points = step ? step[1] : 0;
  return {
    key,
    label,
    points,
    max,
    available: true,
    evidenceIds: found.map((e) => e.id),
    detail: `strongest: ${provenanceEn(top.provenance)} (${top.title})`,
  };
}

export function formalScore(input: ReadinessInput): SubScore {
  const { evidence, now } = input;
  const qms = { attribute: 'standard', anyOf: [...QMS_STANDARDS] };
  const inputs: ScoreInput[] = [
    ladderInput(
      'registration',
      'Company registration',
      15,
      [['documented', 15], ['self_declared', 5]],
      best(evidence, now, ['registration']),
      'no registration on record',
    ),
    (() => {
      const certs = best(evidence, now, ['certificate'], (e) => e.validTo != null && subjectMatches(e, qms));
      const i = ladderInput(
        'qms_certification',
        'Quality-management certification',
        30,
        [['third_party', 30], ['documented', 20], ['self_declared', 5]],
        certs,
        'no valid quality-management certificate',
      );
      if (certs.length > 0) {
        const standards = [...new Set(certs.map((c) => c.attributes?.standard ?? c.title))];
        i.detail = `${standards.join(', ')}; ${i.detail}`;
      }
      return i;
    })(),
    ladderInput(
      'third_party_audit',
      'Third-party audit (last 24 months)',
      25,
      [['third_party', 25], ['documented', 8]],
      best(evidence, now, ['audit_report'], (e) => evidenceAgeDays(e, now) <= 24 * DAYS_PER_MONTH),
      'no audit report in the last 24 months',
    ),
    ladderInput(
      'standardized_tests',
      'Standardized test procedures',
      15,
      [['third_party', 15], ['documented', 10], ['self_declared', 3]],
      best(evidence, now, ['sample_test', 'batch_test_record']),
      'no sample test or batch test record',
    ),
    ladderInput(
      'qc_procedures',
      'Documented QC processes',
      15,
      [['documented', 15], ['self_declared', 5]],
      best(evidence, now, ['qc_procedure']),
      'no QC procedure on record',
    ),
  ];
  return total(inputs);
}

/** The policy's response-time bound (first response_time requirement), default 2 business days. */
function responseBound(input: ReadinessInput): number {
  for (const phase of OPEN_PHASES) {
    for (const r of input.policy.phases[phase]) if (r.type === 'response_time') return r.maxMedianBusinessDays;
  }
  return 2;
}

/** Share of the consistency points a characteristic earns by its capability class (domain/spc/capability.ts). */
const CAPABILITY_SHARE: Readonly<Record<CapabilityClass, number>> = { capable: 1, marginal: 0.5, not_capable: 0 };

export function behaviouralScore(input: ReadinessInput): SubScore {
  const inputs: ScoreInput[] = [];

  // Batch-to-batch consistency: capable Cpk full, marginal half, else none; control-chart signals cost a quarter.
  const capability = input.processCapability ?? [];
  if (capability.length > 0) {
    const shares = capability.map((c) => {
      const base = CAPABILITY_SHARE[capabilityClass(c.cpk)];
      return Math.max(0, base - ((c.signals ?? 0) > 0 ? 0.25 : 0));
    });
    const share = shares.reduce((a, b) => a + b, 0) / shares.length;
    inputs.push({
      key: 'consistency',
      label: 'Batch-to-batch consistency',
      points: Math.round(30 * share * 100) / 100,
      max: 30,
      available: true,
      evidenceIds: [...new Set(capability.flatMap((c) => [...(c.evidenceIds ?? [])]))],
      detail: capability
        .map((c) => `${c.characteristic}: Cpk ${c.cpk}${(c.signals ?? 0) > 0 ? `, ${c.signals} control-chart signals` : ''}`)
        .join('; '),
    });
  } else {
    inputs.push({
      key: 'consistency',
      label: 'Batch-to-batch consistency',
      points: 0,
      max: 30,
      available: false,
      evidenceIds: [],
      detail: 'no process-capability data yet',
    });
  }

  // Transparency: proactive disclosures and disclosed limitations.
  const disclosures = input.communication?.proactiveDisclosures ?? [];
  const limitations = input.claims.filter((c) => c.type === 'limitation');
  const count = disclosures.length + limitations.length;
  const measured = input.communication != null || limitations.length > 0;
  inputs.push({
    key: 'transparency',
    label: 'Transparency about defects and limits',
    points: measured ? Math.min(count, 2) * 10 : 0,
    max: 20,
    available: measured,
    evidenceIds: [],
    detail: measured
      ? `${disclosures.length} proactive disclosures, ${limitations.length} disclosed limitations`
      : 'no message thread yet',
  });

  // Corrective actions closed in time.
  const ca = input.correctiveActions;
  const caTotal = ca ? ca.closedOnTime + ca.closedLate + ca.openOverdue : 0;
  inputs.push(
    ca && caTotal > 0
      ? {
          key: 'corrective_actions',
          label: 'Corrective actions closed in time',
          points: Math.round(25 * (ca.closedOnTime / caTotal) * 100) / 100,
          max: 25,
          available: true,
          evidenceIds: [...(ca.evidenceIds ?? [])],
          detail: `${ca.closedOnTime} closed on time, ${ca.closedLate} closed late, ${ca.openOverdue} open and overdue`,
        }
      : {
          key: 'corrective_actions',
          label: 'Corrective actions closed in time',
          points: 0,
          max: 25,
          available: false,
          evidenceIds: [...(ca?.evidenceIds ?? [])],
          detail: 'no corrective action due yet',
        },
  );

  // Responsiveness: full points up to half the bound, none from twice the bound.
  const bound = responseBound(input);
  const stats = inquiryResponseStats(input.inquiries, {
    calendar: input.responderCalendar,
    now: input.now,
    overdueAfterBusinessDays: bound,
  });
  const median = stats.medianBusinessDays;
  if (median === null) {
    inputs.push({
      key: 'responsiveness',
      label: 'Responsiveness to technical inquiries',
      points: 0,
      max: 25,
      available: false,
      evidenceIds: [],
      detail: 'no technical inquiry answered yet',
    });
  } else {
    const share = Math.min(1, Math.max(0, (2 * bound - median) / (1.5 * bound)));
    inputs.push({
      key: 'responsiveness',
      label: 'Responsiveness to technical inquiries',
      points: Math.round(25 * share * 100) / 100,
      max: 25,
      available: true,
      evidenceIds: [],
      detail: `median ${Math.round(median * 100) / 100} business days over ${stats.samples} inquiries (${stats.overdue} overdue)`,
    });
  }
  // Contradicted claims: transparency about limits, one deduction row per claim (claim-deductions.ts).
  const availableMax = inputs.filter((i) => i.available).reduce((s, i) => s + i.max, 0);
  return total([...inputs, ...contradictedClaimDeductions(input, availableMax)]);
}
