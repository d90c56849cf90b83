// The verifiable-record screens, spread into PAGES (web/src/app/registry.tsx). The public verify page is routed
// outside the shell in App.tsx: it needs no account.
import type { AppPage } from '../../app/registry.js';
import { IconShieldCheck } from '../../components/icons.js';
import { lazy } from 'react';

const RecordPage = lazy(() => import('./RecordPage.js').then((m) => ({ default: m.RecordPage })));
const CredentialsPage = lazy(() => import('./CredentialsPage.js').then((m) => ({ default: m.CredentialsPage })));

export const RECORD_PAGES: AppPage[] = [
  { path: '/engagements/:id/record', component: RecordPage, nav: false, kinds: ['buyer', 'supplier'], permission: 'engagement.read' },
  {
    path: '/credentials',
    component: CredentialsPage,
    labelKey: 'record.nav.credentials',
    descriptionKey: 'record.nav.credentialsDescription',
    icon: IconShieldCheck,
    group: 'workspace',
    kinds: ['buyer', 'supplier'],
  },
];
