import { createElement } from 'react';
import { ForbiddenPage } from '../pages/AccessPages.js';
import { pageAllowed, type AppPage } from './registry.js';
import { useSession } from './session.js';

/** Renders a registered page when the organization kind and role allow it, otherwise explains why not. */
export function PageGuard({ page }: { page: AppPage }) {
  const session = useSession();
  if (!pageAllowed(page, session)) return <ForbiddenPage />;
  // Keyed by organization: switching organizations starts every page (and its form state) afresh.
  return createElement(page.component, { key: session.organization.id });
}
