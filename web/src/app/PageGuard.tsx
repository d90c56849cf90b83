import { createElement, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ForbiddenPage } from '../pages/AccessPages.js';
import { pageAllowed, type AppPage } from './registry.js';
import { useSession } from './session.js';

/** Renders a registered page when the organization kind and role allow it, otherwise explains why not. */
export function PageGuard({ page }: { page: AppPage }) {
  const session = useSession();
  const { t } = useTranslation();
  const label = page.labelKey ? t(page.labelKey) : null;
  useEffect(() => {
    document.title = label ? `${label} · ${t('common.appName')}` : t('common.appName');
  }, [label, t]);
  if (!pageAllowed(page, session)) return <ForbiddenPage />;
  // Keyed by organization: switching organizations starts every page (and its form state) afresh.
  return createElement(page.component, { key: session.organization.id });
}
