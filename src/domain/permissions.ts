// Who may do what: one table, pure data, read by the services (which enforce it) and by the web app (which
// shows only what would succeed).
import type { OrganizationKind, Role } from './model.js';

/** Who is acting: a person in one organization, through a session, an API token or the CLI. */
export interface Actor {
  userId: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  role: Role;
  tokenId?: string;
  via: 'session' | 'token' | 'cli';
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

interface Rule {
  minRole: Role;
  kinds?: readonly OrganizationKind[];
}

export const PERMISSIONS = {
  'organization.read': { minRole: 'viewer' },
  'organization.update': { minRole: 'admin' },
  'members.read': { minRole: 'viewer' },
  'members.manage': { minRole: 'admin' },
  'invitations.manage': { minRole: 'admin' },
  'tokens.manage': { minRole: 'member' },
  'audit.read': { minRole: 'admin' },
  'files.read': { minRole: 'viewer' },
  'files.upload': { minRole: 'member' },
  'files.share': { minRole: 'member' },
  'profile.manage': { minRole: 'member', kinds: ['supplier'] },
  'evidence.record': { minRole: 'member' },
  'engagement.read': { minRole: 'viewer' },
  'engagement.create': { minRole: 'member', kinds: ['buyer'] },
  'engagement.respond': { minRole: 'member', kinds: ['supplier'] },
  'engagement.decide': { minRole: 'member', kinds: ['buyer'] },
  'engagement.contribute': { minRole: 'member' },
  'policy.read': { minRole: 'viewer' },
  'policy.manage': { minRole: 'admin' },
  // Quality: the buyer specifies and inspects lots; the supplier imports its batch records and production logs.
  'specification.read': { minRole: 'viewer' },
  'specification.manage': { minRole: 'member', kinds: ['buyer'] },
  'sample_test.record': { minRole: 'member', kinds: ['buyer', 'supplier'] },
  'lot_inspection.record': { minRole: 'member', kinds: ['buyer'] },
  'quality.import': { minRole: 'member', kinds: ['supplier'] },
  // Visits and audits: both parties of the engagement and an auditor organization invited into one visit.
  'visit.read': { minRole: 'viewer' },
  'visit.plan': { minRole: 'member', kinds: ['buyer'] },
  'visit.respond': { minRole: 'member', kinds: ['supplier'] },
  'visit.record': { minRole: 'member', kinds: ['buyer', 'auditor'] },
  'visit.close': { minRole: 'member', kinds: ['buyer', 'auditor'] },
  'visit.assess_buyer': { minRole: 'member', kinds: ['supplier'] },
  'visit.sign': { minRole: 'member' },
  'checklist.read': { minRole: 'viewer' },
  'checklist.manage': { minRole: 'admin' },
  'portfolio.read': { minRole: 'viewer', kinds: ['buyer'] },
  // Pilots (phase 3): the buyer sets them up, records orders, receipts and incoming inspections, and reviews each
  // evaluation point; both sides read them and comment on reviews.
  'pilot.read': { minRole: 'viewer' },
  'pilot.manage': { minRole: 'member', kinds: ['buyer'] },
  'pilot.comment': { minRole: 'member', kinds: ['buyer', 'supplier'] },
  'orders.record': { minRole: 'member', kinds: ['buyer'] },
  // The supplier's side: buyer sincerity (never shown to the buyer unless disclosed), the evidence room, file
  // requests, the public profile and invitations to verify.
  'sincerity.read': { minRole: 'viewer', kinds: ['supplier'] },
  'sincerity.judge': { minRole: 'member', kinds: ['supplier'] },
  'sincerity.weights': { minRole: 'admin', kinds: ['supplier'] },
  'shares.manage': { minRole: 'member' },
  'shares.read': { minRole: 'viewer' },
  'files.request': { minRole: 'member' },
  'profile.publish': { minRole: 'admin', kinds: ['supplier'] },
  'verification.invite': { minRole: 'member', kinds: ['supplier'] },
  'verification.respond': { minRole: 'member', kinds: ['buyer'] },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

export function can(actor: Actor, permission: Permission): boolean {
  const rule: Rule = PERMISSIONS[permission];
  if (!roleAtLeast(actor.role, rule.minRole)) return false;
  if (rule.kinds && !rule.kinds.includes(actor.organizationKind)) return false;
  return true;
}

