// Tables of the supplier's side (migration 011): buyer sincerity (weights, the supplier's judgements, disclosure to
// the buyer), the evidence room (shares with a period and an access mode, and the access log), file requests,
// the public verified profile and invitations to verify. Timestamps are ISO strings, booleans 0/1, JSON in text.
import type { Generated } from 'kysely';

/** The supplier's weights of the sincerity signals; absent: the shipped defaults. */
export interface SincerityWeightsTable {
  organization_id: string;
  weights: string; // JSON {signalKey: 0–100}
  updated_by: string;
  updated_at: string;
}

/** The supplier's own judgement of one signal of one buyer: a value that replaces the derived one, and why. */
export interface SincerityJudgementsTable {
  organization_id: string;
  buyer_organization_id: string;
  signal_key: string;
  value: number;
  note: string;
  judged_by: string;
  judged_at: string;
}

/** A buyer may read the supplier's assessment of it only while a row is here. */
export interface SincerityDisclosuresTable {
  organization_id: string;
  buyer_organization_id: string;
  shared_by: string;
  shared_at: string;
}

/** Evidence of the owner made readable to one other organization, optionally inside one engagement, for a period. */
export interface EvidenceSharesTable {
  id: string;
  organization_id: string;
  grantee_organization_id: string;
  engagement_id: string | null;
  /** download | view (in the browser only) */
  access: string;
  valid_from: string;
  valid_until: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface EvidenceShareItemsTable {
  share_id: string;
  evidence_id: string;
}

/** Every look at another organization's evidence or files: who, from which organization, what, when. */
export interface FileAccessLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  owner_organization_id: string;
  viewer_organization_id: string;
  viewer_user_id: string;
  /** viewed_share | viewed_file | downloaded_file */
  action: string;
  /** evidence_share | file_share */
  via: string;
  share_id: string | null;
  evidence_id: string | null;
  file_id: string | null;
}

/** One party of an engagement asks the other for files; only then can the other place files in its list. */
export interface FileRequestsTable {
  id: string;
  engagement_id: string;
  requested_by_organization_id: string;
  requested_from_organization_id: string;
  title: string;
  note: string | null;
  /** open | closed */
  status: string;
  created_by: string;
  created_at: string;
  closed_at: string | null;
}

export interface FileRequestFilesTable {
  request_id: string;
  file_id: string;
  shared_by: string;
  shared_at: string;
}

export interface PublicProfilesTable {
  organization_id: string;
  slug: string;
  published: number;
  headline: string | null;
  published_at: string | null;
  updated_by: string;
  updated_at: string;
}

/** What the supplier chose to make public: claims, evidence items and sites, one row each. */
export interface PublicProfileItemsTable {
  organization_id: string;
  /** claim | evidence | site */
  item_type: string;
  item_id: string;
  added_at: string;
}

/** The supplier invites the buyer of an engagement to verify: visit slots, samples under stated conditions, an auditor. */
export interface VerificationInvitationsTable {
  id: string;
  engagement_id: string;
  organization_id: string;
  /** visit | sample | audit */
  kind: string;
  details: string; // JSON, per kind
  note: string | null;
  /** proposed | accepted | declined | withdrawn */
  status: string;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** visit | sample_test, once acceptance (or the recorded test) created it */
  result_type: string | null;
  result_id: string | null;
}

export interface SupplierSideTables {
  sincerity_weights: SincerityWeightsTable;
  sincerity_judgements: SincerityJudgementsTable;
  sincerity_disclosures: SincerityDisclosuresTable;
  evidence_shares: EvidenceSharesTable;
  evidence_share_items: EvidenceShareItemsTable;
  file_access_log: FileAccessLogTable;
  file_requests: FileRequestsTable;
  file_request_files: FileRequestFilesTable;
  public_profiles: PublicProfilesTable;
  public_profile_items: PublicProfileItemsTable;
  verification_invitations: VerificationInvitationsTable;
}
