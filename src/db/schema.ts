// Table types for Kysely. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers in both
// SQLite and PostgreSQL, so one code path reads and writes them the same way on either database.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: string;
  time_zone: string;
  created_at: string;
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

export interface FileSharesTable {
  file_id: string;
  organization_id: string;
  shared_by: string;
  shared_at: string;
}

export interface Database {
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
}
