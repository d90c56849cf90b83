// Who is logged in: GET /api/v1/me as a query (null when logged out), and the calls that change the session.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, resetCsrf } from './client.js';
import type { Me } from './types.js';

export const ME_KEY = ['me'] as const;
/** First key part of queries that do not depend on who is logged in (e.g. an invitation preview). */
export const PUBLIC_SCOPE = 'public';

/** Queries that belong to the session or the current organization (everything but `me` and public ones). */
const sessionScoped = (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== ME_KEY[0] && q.queryKey[0] !== PUBLIC_SCOPE;

export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/v1/me');
  } catch (e) {
    if (isApiError(e, 401)) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** After login, signup, logout or an organization switch nothing cached belongs to the new session. */
export async function sessionChanged(qc: QueryClient, me?: Me | null): Promise<void> {
  resetCsrf();
  qc.removeQueries({ predicate: sessionScoped });
  if (me !== undefined) qc.setQueryData(ME_KEY, me);
  else await qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
}

/** Keeps the session but changes what the organization-scoped queries return. */
export function organizationChanged(qc: QueryClient, me: Me): void {
  qc.setQueryData(ME_KEY, me);
  void qc.resetQueries({ predicate: sessionScoped });
}

export async function logout(qc: QueryClient): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout');
  } finally {
    resetCsrf();
    qc.clear();
    qc.setQueryData(ME_KEY, null);
  }
}
