// Table types for Kysely. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers in both
// SQLite and PostgreSQL, so one code path reads and writes them the same way on either database.
import type { Generated } from 'kysely';
import type { QualityTables } from './schema/quality.js';
import type { VisitTables } from './schema/visits.js';
import type { SupplierSideTables } from './schema/suppliers.js';
import type { DiscrepancyTables } from './schema/discrepancies.js';
import type { PilotTables } from './schema/pilots.js';
import type { RecordTables } from './schema/record.js';
import type { RevisionTables } from './schema/revisions.js';

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: string;
  time_zone: string;
  created_at: string;
}

/** A sign-up waiting for its email link (see migration 007b); the token is stored as its SHA-256. */
export interface SignupRequestsTable {
  id: string;
  token_hash: string;
  email: string;
  password_hash: string;
  display_name: string;
  locale: string;
  time_zone: string;
  /** JSON of the organization to create. */
  organization: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  kind: string;
  country: string;
  description: string | null;
  website: string | null;
  categories: string; // JSON array of strings
  created_at: string;
}

export interface OrganizationIdentifiersTable {
  id: string;
  organization_id: string;
  scheme: string;
  value: string;
  created_at: string;
}

export interface MembershipsTable {
  user_id: string;
  organization_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  id: string; // SHA-256 of the cookie value
  user_id: string;
  current_organization_id: string | null;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  organization_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface InvitationsTable {
  id: string;
  organization_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  organization_id: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string; // JSON object
}

export interface FilesTable {
  id: string;
  organization_id: string;
  sha256: string;
  size: number;
  media_type: string;
  filename: string;
  uploaded_by: string;
  created_at: string;
}

/** A rate-limit counter: hits of `key` in the window that started at `window_start` (ms since the epoch). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface FileSharesTable {
  file_id: string;
  organization_id: string;
  shared_by: string;
  shared_at: string;
}

export interface SitesTable {
  id: string;
  organization_id: string;
  name: string;
  address: string;
  country: string;
  time_zone: string;
  processes: string; // JSON array
  headcount: number | null;
  created_at: string;
  updated_at: string;
}

export interface ClaimsTable {
  id: string;
  organization_id: string;
  type: string;
  title: string;
  product_line: string | null;
  site_id: string | null;
  value: number | null;
  unit: string | null;
  period: string | null;
  stated_limit: number | null;
  attributes: string; // JSON object of strings
  document_file_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  withdrawn_at: string | null;
}

export interface EvidenceTable {
  id: string;
  /** Who recorded it (owns the record). */
  organization_id: string;
  /** Whom it is about (the supplier, usually). */
  subject_organization_id: string;
  kind: string;
  provenance: string;
  title: string;
  description: string | null;
  issuer: string | null;
  issued_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  attributes: string; // JSON object of strings
  recorded_by: string;
  created_at: string;
  /** Set when the system wrote the title: its code and parameters (JSON), worded by the web app (migration 013). */
  title_key?: string | null;
  title_params?: string | null;
}

export interface EvidenceFilesTable {
  evidence_id: string;
  file_id: string;
}

export interface EvidenceClaimLinksTable {
  evidence_id: string;
  claim_id: string;
  effect: string;
  observed_value: number | null;
  note: string | null;
}

export interface PoliciesTable {
  id: string;
  /** Null for the shipped defaults every organization can use. */
  organization_id: string | null;
  key: string;
  version: number;
  name: string;
  scope: string;
  document: string; // JSON VerificationPolicy
  created_by: string | null;
  created_at: string;
}

export interface EngagementsTable {
  id: string;
  buyer_organization_id: string;
  supplier_organization_id: string;
  title: string;
  scope: string; // JSON EngagementScope
  cross_border: number;
  phase: string;
  policy_id: string;
  phase_started_at: string;
  created_by: string;
  created_at: string;
  responded_at: string | null;
  response_note: string | null;
}

export interface EngagementEvidenceTable {
  engagement_id: string;
  evidence_id: string;
  shared_by_organization_id: string;
  shared_by: string;
  shared_at: string;
  withdrawn_at: string | null;
}

export interface GateDecisionsTable {
  id: string;
  engagement_id: string;
  from_phase: string;
  to_phase: string;
  decision: string;
  rationale: string;
  evidence_ids: string; // JSON array
  override: number;
  override_reason: string | null;
  unmet_requirements: string; // JSON array of requirement ids
  readiness_summary: string; // JSON
  decided_by: string;
  decided_by_organization_id: string;
  decided_at: string;
}

export interface WaiversTable {
  id: string;
  engagement_id: string;
  phase: string;
  requirement_id: string;
  reason: string;
  waived_by: string;
  waived_at: string;
  revoked_at: string | null;
}

export interface MessagesTable {
  id: string;
  engagement_id: string;
  organization_id: string;
  author_id: string;
  kind: string;
  subject: string | null;
  body: string;
  in_reply_to: string | null;
  sent_at: string;
}


export interface Database extends VisitTables, QualityTables, SupplierSideTables, DiscrepancyTables, PilotTables, RecordTables, RevisionTables {
  sites: SitesTable;
  claims: ClaimsTable;
  evidence: EvidenceTable;
  evidence_files: EvidenceFilesTable;
  evidence_claim_links: EvidenceClaimLinksTable;
  policies: PoliciesTable;
  engagements: EngagementsTable;
  engagement_evidence: EngagementEvidenceTable;
  gate_decisions: GateDecisionsTable;
  waivers: WaiversTable;
  messages: MessagesTable;
  users: UsersTable;
  organizations: OrganizationsTable;
  organization_identifiers: OrganizationIdentifiersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  files: FilesTable;
  file_shares: FileSharesTable;
  rate_limits: RateLimitsTable;
  signup_requests: SignupRequestsTable;
}
