// The shared vocabulary of the verification model (DESIGN.md, "The verification model").
// Pure data: no I/O. Services, contracts and the web app all speak these names.

export const ORGANIZATION_KINDS = ['buyer', 'supplier', 'auditor'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Weakest first: the order matters, see `provenanceRank`. */
export const PROVENANCES = ['self_declared', 'documented', 'third_party', 'observed'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export function provenanceRank(p: Provenance): number {
  return PROVENANCES.indexOf(p);
}

/** True when `p` is at least as strong as `minimum`. */
export function provenanceAtLeast(p: Provenance, minimum: Provenance): boolean {
  return provenanceRank(p) >= provenanceRank(minimum);
}

export function strongestProvenance(list: readonly Provenance[]): Provenance | null {
  let best: Provenance | null = null;
  for (const p of list) if (best === null || provenanceRank(p) > provenanceRank(best)) best = p;
  return best;
}

/**
 * The regulated sectors the product knows by name (the web offers them when an engagement is opened; the shipped
 * policies and the visit advisor's regulated_sector condition name them). The API still takes another sector as
 * written (up to 80 characters) and a policy matches it exactly.
 */
export const REGULATED_SECTORS = ['medical_devices', 'automotive', 'aerospace', 'food_contact', 'pharmaceuticals'] as const;
export type RegulatedSector = (typeof REGULATED_SECTORS)[number];

export const EVIDENCE_KINDS = [
  'registration',
  'certificate',
  'audit_report',
  'sample_test',
  'batch_test_record',
  'production_log',
  'visit_observation',
  'testimonial',
  'communication',
  'kpi_measurement',
  'corrective_action',
  'attestation',
  'qc_procedure',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const CLAIM_TYPES = [
  'capacity',
  'lead_time',
  'moq',
  'certification',
  'qc_process',
  'process_capability',
  'limitation',
] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const CLAIM_STATUSES = ['unverified', 'supported', 'contradicted'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** How one piece of evidence bears on one claim. */
export const EVIDENCE_EFFECTS = ['supports', 'contradicts'] as const;
export type EvidenceEffect = (typeof EVIDENCE_EFFECTS)[number];

export const OPEN_PHASES = ['credibility', 'capability_validation', 'operational_compatibility', 'partnership'] as const;
export const CLOSED_PHASES = ['rejected', 'withdrawn', 'terminated'] as const;
export const ENGAGEMENT_PHASES = ['proposed', ...OPEN_PHASES, ...CLOSED_PHASES] as const;
export type OpenPhase = (typeof OPEN_PHASES)[number];
export type EngagementPhase = (typeof ENGAGEMENT_PHASES)[number];

/** The phase an `advance` decision leads to, or null when there is none. */
export function nextPhase(phase: EngagementPhase): OpenPhase | null {
  const i = OPEN_PHASES.indexOf(phase as OpenPhase);
  if (i < 0 || i === OPEN_PHASES.length - 1) return null;
  return OPEN_PHASES[i + 1];
}

export const GATE_DECISIONS = ['advance', 'hold', 'reject'] as const;
export type GateDecision = (typeof GATE_DECISIONS)[number];

export const REQUIREMENT_STATES = ['met', 'partly_met', 'unmet', 'waived'] as const;
export type RequirementState = (typeof REQUIREMENT_STATES)[number];

export const MESSAGE_KINDS = ['technical_inquiry', 'response', 'progress_update', 'proactive_disclosure', 'escalation'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const FINDING_SEVERITIES = ['major', 'minor', 'observation'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
