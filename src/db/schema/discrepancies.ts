// Tables of discrepancies with their 8D steps, escalation ladders and cadence, engagement events, in-app
// notifications, the email outbox and job leases (migration 009). Timestamps are ISO strings in UTC, booleans
// 0/1, JSON in text columns, as everywhere else.

export interface DiscrepanciesTable {
  id: string;
  engagement_id: string;
  /** 1, 2, 3 … per engagement; shown as NCR-001. */
  number: number;
  raised_by_organization_id: string;
  /** buyer | supplier */
  raised_by_side: string;
  raised_by: string;
  severity: string;
  title: string;
  description: string;
  quantity_affected: number | null;
  quantity_unit: string | null;
  /** delivery | lot_inspection | batch_record | claim | visit_finding | sample_test */
  target_kind: string;
  /** The record's id; for a batch record the lot number. */
  target_id: string;
  target_label: string;
  /** JSON of the parameters the label was written from (migration 015; null for discrepancies raised before). */
  target_label_params?: string | null;
  /** open | closed */
  status: string;
  proactive: number;
  /** supplier_reported_first | buyer_found_first | raised_by_buyer */
  disclosure_reason: string;
  policy_id: string;
  /** JSON DiscrepancyRules in force when it was raised (the policy version's, or the shipped defaults). */
  rules: string;
  raised_at: string;
  closure_requested_at: string | null;
  closure_requested_by: string | null;
  /** JSON {method, summary, evidenceIds, fileIds, by, at}: the verification of effectiveness. */
  effectiveness: string | null;
  closed_at: string | null;
  closed_by: string | null;
  closed_on_time: number | null;
  /** The corrective-action evidence the closure became (shared into the engagement). */
  evidence_id: string | null;
  /** Counts changes: a write applies only to the revision it read, so concurrent changes cannot both win. */
  revision: number;
  updated_at: string;
}

export interface DiscrepancyStepsTable {
  discrepancy_id: string;
  step: string;
  owner_user_id: string | null;
  due_at: string;
  done_at: string | null;
  done_by: string | null;
  notes: string | null;
  /** JSON: step-specific fields (D1 team, D4 rootCause and escapePoint). */
  data: string;
  updated_by: string | null;
  updated_at: string;
}

export interface DiscrepancyFilesTable {
  discrepancy_id: string;
  file_id: string;
  step: string | null;
  added_by: string;
  added_at: string;
}

/** The discrepancy's own history: raised, steps, due dates moved, updates, escalations, closure. */
export interface DiscrepancyEventsTable {
  id: string;
  discrepancy_id: string;
  at: string;
  kind: string;
  step: string | null;
  actor_user_id: string | null;
  actor_organization_id: string | null;
  details: string; // JSON
}

export interface EscalationContactsTable {
  id: string;
  engagement_id: string;
  side: string;
  level: number;
  user_id: string | null;
  name: string;
  email: string | null;
  title: string | null;
  locale: string;
  created_by: string;
  created_at: string;
}

export interface EngagementCadenceTable {
  engagement_id: string;
  progress_update_every_days: number;
  agreed_by: string;
  agreed_by_organization_id: string;
  agreed_at: string;
}

/**
 * What happened to an engagement that is not a gate decision: escalations, missed progress updates, reminders.
 * `dedupe_key` is unique: the job that inserts an event first is the one that notifies, so several servers over one
 * database record and notify each escalation exactly once.
 */
export interface EngagementEventsTable {
  id: string;
  engagement_id: string;
  at: string;
  kind: string;
  subject_type: string | null;
  subject_id: string | null;
  level: number | null;
  details: string; // JSON
  dedupe_key: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  organization_id: string;
  kind: string;
  params: string; // JSON
  link: string | null;
  engagement_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** Emails to send; claimed with a lease, retried with backoff until sent. */
export interface OutboxTable {
  id: string;
  to_address: string;
  locale: string;
  subject: string;
  body: string;
  notification_kind: string;
  status: string; // pending | sent | failed
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** One row per periodic job: who runs it until when, so one server of many does the scan at a time. */
export interface JobLeasesTable {
  name: string;
  owner: string | null;
  locked_until: string;
  last_run_at: string | null;
}

export interface DiscrepancyTables {
  discrepancies: DiscrepanciesTable;
  discrepancy_steps: DiscrepancyStepsTable;
  discrepancy_files: DiscrepancyFilesTable;
  discrepancy_events: DiscrepancyEventsTable;
  escalation_contacts: EscalationContactsTable;
  engagement_cadence: EngagementCadenceTable;
  engagement_events: EngagementEventsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  job_leases: JobLeasesTable;
}
