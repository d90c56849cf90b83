import { z } from 'zod';
import { Country, Email, GeneratedText, Id, IsoDateTime, OrganizationKind, Role } from './common.js';
import { IDENTIFIER_SCHEMES, validateIdentifier } from '../domain/identifiers/index.js';

export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;
export const Locale = z.enum(SUPPORTED_LOCALES);
export const TimeZone = z.string().max(64).refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone, e.g. Europe/Berlin' },
);

export const Password = z
  .string()
  .min(10, { message: 'must be at least 10 characters' })
  .max(200, { message: 'must be at most 200 characters' });

/** Known schemes are checked for format and check digit; `other` is stored as given. */
export const IdentifierSchemeInput = z.enum([...IDENTIFIER_SCHEMES, 'other']);
export const RegistrationIdentifierInput = z
  .strictObject({
    scheme: IdentifierSchemeInput,
    value: z.string().trim().min(1).max(80),
  })
  .superRefine((v, ctx) => {
    if (v.scheme === 'other') return;
    const r = validateIdentifier(v.scheme, v.value);
    if (!r.valid) ctx.addIssue({ code: 'custom', path: ['value'], message: r.reason ?? 'invalid identifier' });
  });

export const NewOrganizationInput = z.strictObject({
  name: z.string().trim().min(2).max(200),
  kind: OrganizationKind,
  country: Country,
  identifiers: z.array(RegistrationIdentifierInput).max(10).optional(),
});

export const SignupInput = z.strictObject({
  email: Email,
  password: Password,
  displayName: z.string().trim().min(1).max(120),
  organization: NewOrganizationInput.optional(),
  invitationToken: z.string().min(10).max(200).optional(),
  locale: Locale.optional(),
  timeZone: TimeZone.optional(),
}).refine((v) => v.organization || v.invitationToken, {
  message: 'either organization or invitationToken is required',
  path: ['organization'],
});

/** The answer to every valid sign-up without an invitation, whether or not the address is registered. */
export const SignupRequestedView = z.object({ status: z.literal('confirmation_sent'), email: z.string() });
/** The token of the link in the sign-up email. */
export const SignupConfirmInput = z.strictObject({ token: z.string().min(10).max(200) });

export const LoginInput = z.strictObject({ email: Email, password: z.string().min(1).max(200) });

export const UserView = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  locale: z.string(),
  timeZone: z.string(),
  createdAt: IsoDateTime,
});

export const OrganizationIdentifierView = z.object({
  scheme: z.string(),
  value: z.string(),
  /** Format and check digit, checked offline; never a registry look-up. */
  formatValid: z.boolean().nullable(),
  checkDigit: z.boolean(),
  normalized: z.string(),
  reason: z.string().optional(),
});
export const IdentifierConfirmationView = OrganizationIdentifierView.extend({
  /** A registry extract (registration evidence) naming this identifier, visible to the caller. */
  registryExtract: z.object({ evidenceId: Id, title: z.string(), issuer: z.string().nullable(), issuedAt: IsoDateTime.nullable(), provenance: z.string() }).nullable(),
});

export const OrganizationView = z.object({
  id: Id,
  name: z.string(),
  kind: OrganizationKind,
  country: z.string(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  categories: z.array(z.string()),
  identifiers: z.array(OrganizationIdentifierView),
  createdAt: IsoDateTime,
});

export const MembershipView = z.object({ organization: OrganizationView, role: Role });

export const MeView = z.object({
  user: UserView,
  memberships: z.array(MembershipView),
  currentOrganization: OrganizationView.nullable(),
  role: Role.nullable(),
  via: z.enum(['session', 'token']),
});

export const UpdateMeInput = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  locale: Locale.optional(),
  timeZone: TimeZone.optional(),
});

export const SwitchOrganizationInput = z.strictObject({ organizationId: Id });

export const UpdateOrganizationInput = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  description: z.string().max(4000).nullable().optional(),
  website: z.string().url().max(300).nullable().optional(),
  categories: z.array(z.string().trim().min(1).max(80)).max(30).optional(),
  identifiers: z.array(RegistrationIdentifierInput).max(10).optional(),
});

export const DirectoryQuery = z.strictObject({
  kind: OrganizationKind.optional(),
  q: z.string().max(200).optional(),
  country: Country.optional(),
  category: z.string().max(80).optional(),
  /** Suppliers with a certification claim for this standard, e.g. "ISO 13485". */
  certification: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const NewTokenInput = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const TokenView = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
  user: z.object({ id: Id, displayName: z.string() }),
});
export const CreatedTokenView = z.object({ id: Id, name: z.string(), token: z.string(), prefix: z.string(), createdAt: IsoDateTime });

export const MemberView = z.object({
  userId: Id,
  email: z.string(),
  displayName: z.string(),
  role: Role,
  since: IsoDateTime,
});
export const UpdateMemberInput = z.strictObject({ role: Role });

export const NewInvitationInput = z.strictObject({
  email: Email,
  role: Role,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export const InvitationView = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  acceptedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
});
export const CreatedInvitationView = InvitationView.extend({ token: z.string(), acceptPath: z.string() });
export const AcceptInvitationInput = z.strictObject({ token: z.string().min(10).max(200) });
export const InvitationPreview = z.object({
  organization: z.object({ id: Id, name: z.string(), kind: OrganizationKind, country: z.string() }),
  email: z.string(),
  role: Role,
  expiresAt: IsoDateTime,
});

export const AuditEntryView = z.object({
  id: Id,
  seq: z.number(),
  at: IsoDateTime,
  actor: z.object({ userId: Id.nullable(), displayName: z.string().nullable(), tokenId: Id.nullable() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /**
   * The code and parameters of the title in `details.title`, when it is the title the system wrote for evidence (a
   * sample test, a pilot review…): the web words it in the reader's language. Null otherwise.
   */
  generatedTitle: GeneratedText.nullable(),
});
export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
  action: z.string().max(100).optional(),
});

export const FileView = z.object({
  id: Id,
  sha256: z.string(),
  size: z.number(),
  mediaType: z.string(),
  filename: z.string(),
  createdAt: IsoDateTime,
  ownerOrganizationId: Id,
  owned: z.boolean(),
  deduplicated: z.boolean().optional(),
});
export const ShareFileInput = z.strictObject({
  organizationId: Id,
  /** The file request of that organization this file answers: files enter another organization's list only when asked. */
  requestId: Id.optional(),
});

export type UserViewT = z.infer<typeof UserView>;
export type OrganizationViewT = z.infer<typeof OrganizationView>;
export type MeViewT = z.infer<typeof MeView>;
export type FileViewT = z.infer<typeof FileView>;
