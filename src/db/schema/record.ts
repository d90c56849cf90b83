// Tables of the verifiable record (migration 010): signing keys, the Merkle log, its perfect-subtree hashes, signed
// checkpoints, and credentials issued and presented. Timestamps are ISO strings in UTC; hashes are hex.

/** An organization's Ed25519 key (organization_id null: the log's own key, which signs checkpoints). */
export interface SigningKeysTable {
  id: string;
  organization_id: string | null;
  /** The Multikey public key (z6Mk…), also the key's id in log entries and did:key. */
  key_id: string;
  /** The 32-byte seed, base64url. Held by the server: organizations sign through it. */
  private_key: string;
  valid_from: string;
  revoked_at: string | null;
  revocation_reason: string | null;
  created_at: string;
}

/** One row: the log's size (the row lock orders concurrent appends) and its origin line. */
export interface LogStateTable {
  id: number;
  size: number;
  origin: string;
}

export interface LogEntriesTable {
  leaf_index: number;
  stream: string;
  seq: number;
  kind: string;
  record_id: string;
  organization_id: string;
  engagement_id: string | null;
  leaf: string;
  leaf_hash: string;
  recorded_at: string;
}

/** Hash of the perfect subtree of 2^level leaves starting at leaf idx·2^level. */
export interface LogNodesTable {
  level: number;
  idx: number;
  hash: string;
}

export interface LogCheckpointsTable {
  size: number;
  root: string;
  note: string;
  created_at: string;
}

/** A credential this server's organizations issued (track record, conformity). */
export interface CredentialsTable {
  id: string;
  kind: string;
  issuer_organization_id: string;
  subject_organization_id: string;
  engagement_id: string | null;
  source_kind: string;
  source_id: string;
  document: string;
  issued_at: string;
  valid_until: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  issued_by: string;
}

/** A credential a supplier presented into an engagement with another buyer, and the evidence it became. */
export interface PresentedCredentialsTable {
  id: string;
  engagement_id: string;
  credential_id: string;
  issuer: string;
  document: string;
  evidence_id: string;
  presented_by: string;
  presented_by_organization_id: string;
  presented_at: string;
}

export interface RecordTables {
  signing_keys: SigningKeysTable;
  log_state: LogStateTable;
  log_entries: LogEntriesTable;
  log_nodes: LogNodesTable;
  log_checkpoints: LogCheckpointsTable;
  credentials: CredentialsTable;
  presented_credentials: PresentedCredentialsTable;
}
