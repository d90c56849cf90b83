// API shapes, inferred from the same Zod contracts the server validates with (src/contracts).
import type { z } from 'zod';
import type {
  AuditEntryView,
  CreatedInvitationView,
  CreatedTokenView,
  FileView,
  InvitationPreview,
  InvitationView,
  MemberView,
  MembershipView,
  MeView,
  OrganizationView,
  TokenView,
  UserView,
} from '../../../src/contracts/accounts.js';

export type Me = z.infer<typeof MeView>;
export type User = z.infer<typeof UserView>;
export type Organization = z.infer<typeof OrganizationView>;
export type Membership = z.infer<typeof MembershipView>;
export type Token = z.infer<typeof TokenView>;
export type CreatedToken = z.infer<typeof CreatedTokenView>;
export type Member = z.infer<typeof MemberView>;
export type Invitation = z.infer<typeof InvitationView>;
export type CreatedInvitation = z.infer<typeof CreatedInvitationView>;
export type InvitationPreviewT = z.infer<typeof InvitationPreview>;
export type AuditEntry = z.infer<typeof AuditEntryView>;
export type StoredFile = z.infer<typeof FileView>;
export type { OrganizationKind, Role } from '../../../src/domain/model.js';
