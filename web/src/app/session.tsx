// The logged-in session inside the app shell: user, current organization and role, never null there.
import { createContext, useContext, type ReactNode } from 'react';
import { type OrganizationKind, type Permission, PERMISSIONS, roleAtLeast } from '../../../src/domain/browser.js';
import type { Me, Organization, Role } from '../api/types.js';

export interface Session {
  me: Me;
  organization: Organization;
  role: Role;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the app shell');
  return s;
}

/** The same rules the server enforces (src/domain/permissions.ts), to hide what would only fail with 403. */
export function can(session: Pick<Session, 'role' | 'organization'>, permission: Permission): boolean {
  const rule: { minRole: Role; kinds?: readonly OrganizationKind[] } = PERMISSIONS[permission];
  if (!roleAtLeast(session.role, rule.minRole)) return false;
  return !rule.kinds || rule.kinds.includes(session.organization.kind);
}

export function useCan(permission: Permission): boolean {
  return can(useSession(), permission);
}

export type { Permission };
