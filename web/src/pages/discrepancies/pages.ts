// The discrepancy screens, spread into PAGES (web/src/app/registry.tsx). The health view is loaded on demand: it
// brings the chart library.
import { lazy } from 'react';
import type { AppPage } from '../../app/registry.js';
import { IconAlertTriangle, IconHeartbeat } from '../../components/discrepancies/icons.js';
import { DiscrepanciesPage } from './DiscrepanciesPage.js';
import { DiscrepancyPage } from './DiscrepancyPage.js';
import { EscalationPage } from './EscalationPage.js';

const HealthPage = lazy(() => import('./HealthPage.js').then((m) => ({ default: m.HealthPage })));

export const DISCREPANCY_PAGES: AppPage[] = [
  {
    path: '/discrepancies',
    component: DiscrepanciesPage,
    labelKey: 'discrepancies.nav.discrepancies',
    descriptionKey: 'discrepancies.nav.discrepanciesDescription',
    icon: IconAlertTriangle,
    group: 'workspace',
    kinds: ['buyer', 'supplier'],
    permission: 'engagement.read',
  },
  { path: '/discrepancies/:id', component: DiscrepancyPage, nav: false, kinds: ['buyer', 'supplier'], permission: 'engagement.read' },
  { path: '/engagements/:id/escalation', component: EscalationPage, nav: false, kinds: ['buyer', 'supplier'], permission: 'engagement.read' },
  {
    path: '/partnership-health',
    component: HealthPage,
    labelKey: 'discrepancies.nav.health',
    descriptionKey: 'discrepancies.nav.healthDescription',
    icon: IconHeartbeat,
    group: 'workspace',
    kinds: ['buyer', 'supplier'],
    permission: 'engagement.read',
  },
];
