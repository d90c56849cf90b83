// The quality pages, spread into PAGES (src/app/registry.tsx). Loaded on demand: they bring the chart library.
import { lazy } from 'react';
import type { AppPage } from '../../app/registry.js';
import { IconChartLine, IconRuler } from '../../components/quality/icons.js';

const QualityPage = lazy(() => import('./QualityPage.js').then((m) => ({ default: m.QualityPage })));
const SpecificationsPage = lazy(() => import('./SpecificationsPage.js').then((m) => ({ default: m.SpecificationsPage })));
const SpecificationEditorPage = lazy(() => import('./SpecificationEditorPage.js').then((m) => ({ default: m.SpecificationEditorPage })));
const EngagementQualityPage = lazy(() => import('./EngagementQualityPage.js').then((m) => ({ default: m.EngagementQualityPage })));

export const QUALITY_PAGES: AppPage[] = [
  {
    path: '/quality',
    component: QualityPage,
    labelKey: 'quality.nav.quality',
    descriptionKey: 'quality.nav.descriptions.quality',
    icon: IconChartLine,
    group: 'workspace',
    kinds: ['buyer', 'supplier'],
    permission: 'engagement.read',
  },
  {
    path: '/specifications',
    component: SpecificationsPage,
    labelKey: 'quality.nav.specifications',
    descriptionKey: 'quality.nav.descriptions.specifications',
    icon: IconRuler,
    group: 'workspace',
    kinds: ['buyer'],
    permission: 'specification.read',
  },
  { path: '/specifications/:id', component: SpecificationEditorPage, nav: false, kinds: ['buyer'], permission: 'specification.read' },
  { path: '/engagements/:id/quality', component: EngagementQualityPage, nav: false, kinds: ['buyer', 'supplier'], permission: 'engagement.read' },
];
