// Tables of factory visits and audits (migration 004). Timestamps are ISO strings in UTC, booleans 0/1, JSON in
// text columns, as everywhere else.

export interface ChecklistTemplatesTable {
  id: string;
  /** Null for the shipped templates every organization can use. */
  organization_id: string | null;
  key: string;
  version: number;
  purpose: string;
  name: string; // JSON LocalizedText
  document: string; // JSON ChecklistTemplate
  created_by: string | null;
  created_at: string;
}

export interface VisitsTable {
  id: string;
  engagement_id: string;
  site_id: string;
  type: string;
  status: string;
  title: string;
  planned_start: string; // UTC
  planned_end: string; // UTC
  time_zone: string; // the site's, when planned
  agenda: string; // JSON array
  participants: string; // JSON array
  template_id: string;
  sincerity_template_id: string;
  lead_user_id: string | null;
  initiated_by: string; // 'buyer' | 'supplier' (a booked open slot)
  response_note: string | null;
  decline_reason: string | null;
  cancel_reason: string | null;
  checklist_shared: number;
  outcome: string | null;
  summary: string | null;
  closed_at: string | null;
  closed_by: string | null;
  /** The engagement evidence the visit's report became when it closed. */
  report_evidence_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Dates the supplier proposes for a visit, dates the buyer proposes back, and open slots (visit_id null). */
export interface VisitProposalsTable {
  id: string;
  engagement_id: string;
  visit_id: string | null;
  organization_id: string;
  side: string;
  site_id: string;
  start_at: string;
  end_at: string;
  time_zone: string;
  note: string | null;
  status: string;
  created_by: string;
  created_at: string;
}

/** An auditor organization invited into one visit; it sees that visit and nothing else. */
export interface VisitParticipantOrgsTable {
  visit_id: string;
  organization_id: string;
  role: string;
  invited_by: string;
  invited_at: string;
  revoked_at: string | null;
}

export interface VisitAnswersTable {
  id: string;
  visit_id: string;
  question_id: string;
  organization_id: string;
  value: string; // JSON scalar
  note: string | null;
  not_applicable: number;
  client_id: string;
  client_updated_at: string;
  answered_by: string;
  created_at: string;
  updated_at: string;
}

export interface VisitFindingsTable {
  id: string;
  visit_id: string;
  client_id: string;
  organization_id: string;
  severity: string;
  text: string;
  question_id: string | null;
  claim_id: string | null;
  claim_effect: string | null;
  follow_up: string | null; // JSON {owner, ownerSide, dueDate, status, note, updatedAt}
  evidence_id: string | null;
  recorded_by: string;
  created_at: string;
  updated_at: string;
}

export interface VisitAttachmentsTable {
  id: string;
  visit_id: string;
  client_id: string;
  organization_id: string;
  file_id: string;
  question_id: string | null;
  finding_id: string | null;
  caption: string | null;
  taken_at: string | null;
  added_by: string;
  created_at: string;
  removed_at: string | null;
}

export interface VisitCapacityObservationsTable {
  id: string;
  visit_id: string;
  client_id: string;
  organization_id: string;
  claim_id: string;
  inputs: string; // JSON ObservedCapacityInputs
  value: number;
  period: string;
  formula: string;
  claimed_value: number;
  compared_value: number;
  tolerance: number;
  threshold: number;
  ratio: number;
  status: string;
  explanation: string;
  provenance: string;
  evidence_id: string;
  note: string | null;
  recorded_by: string;
  created_at: string;
}

export interface VisitSincerityTable {
  visit_id: string;
  organization_id: string;
  template_id: string;
  scores: string; // JSON {questionId: {score, note?}}
  comment: string | null;
  shared: number;
  assessed_by: string;
  created_at: string;
  updated_at: string;
}

export interface VisitSignOffsTable {
  id: string;
  visit_id: string;
  organization_id: string;
  side: string;
  signed_by: string;
  signed_at: string;
  sha256: string;
  file_id: string;
  statement: string | null;
}

export interface VisitTables {
  checklist_templates: ChecklistTemplatesTable;
  visits: VisitsTable;
  visit_proposals: VisitProposalsTable;
  visit_participant_orgs: VisitParticipantOrgsTable;
  visit_answers: VisitAnswersTable;
  visit_findings: VisitFindingsTable;
  visit_attachments: VisitAttachmentsTable;
  visit_capacity_observations: VisitCapacityObservationsTable;
  visit_sincerity: VisitSincerityTable;
  visit_sign_offs: VisitSignOffsTable;
}
