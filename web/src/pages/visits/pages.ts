// The visit screens inside the app shell, spread into PAGES (web/src/app/registry.tsx).
import type { AppPage } from '../../app/registry.js';
import { IconChecklist, IconScaleBalance, IconVisit } from '../../components/visits/icons.js';
import '../../components/visits/outboxNotices.js';
import { lazyPage } from '../../app/lazyPage.js';

const ChecklistTemplatesPage = lazyPage(() => import('./ChecklistTemplatesPage.js'), 'ChecklistTemplatesPage');
const VisitEffectPage = lazyPage(() => import('./VisitEffectPage.js'), 'VisitEffectPage');
const VisitFormPage = lazyPage(() => import('./VisitFormPage.js'), 'VisitFormPage');
const VisitPage = lazyPage(() => import('./VisitPage.js'), 'VisitPage');
const VisitsPage = lazyPage(() => import('./VisitsPage.js'), 'VisitsPage');

export const VISIT_PAGES: AppPage[] = [
  {
    path: '/visits',
    component: VisitsPage,
    labelKey: 'visits.nav.visits',
    descriptionKey: 'visits.nav.visitsDescription',
    icon: IconVisit,
    group: 'workspace',
    permission: 'visit.read',
  },
  { path: '/visits/:visitId', component: VisitPage, nav: false, permission: 'visit.read' },
  { path: '/visits/:visitId/form', component: VisitFormPage, nav: false, permission: 'visit.read' },
  {
    path: '/portfolio/visit-effect',
    component: VisitEffectPage,
    labelKey: 'visits.nav.effect',
    descriptionKey: 'visits.nav.effectDescription',
    icon: IconScaleBalance,
    group: 'workspace',
    kinds: ['buyer'],
    permission: 'portfolio.read',
  },
  {
    path: '/checklist-templates',
    component: ChecklistTemplatesPage,
    labelKey: 'visits.nav.templates',
    descriptionKey: 'visits.nav.templatesDescription',
    icon: IconChecklist,
    group: 'workspace',
    kinds: ['buyer', 'auditor'],
    permission: 'checklist.read',
  },
];
