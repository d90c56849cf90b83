// The visit screens inside the app shell, spread into PAGES (web/src/app/registry.tsx).
import type { AppPage } from '../../app/registry.js';
import { IconChecklist, IconScaleBalance, IconVisit } from '../../components/visits/icons.js';
import '../../components/visits/outboxNotices.js';
import { ChecklistTemplatesPage } from './ChecklistTemplatesPage.js';
import { VisitEffectPage } from './VisitEffectPage.js';
import { VisitFormPage } from './VisitFormPage.js';
import { VisitPage } from './VisitPage.js';
import { VisitsPage } from './VisitsPage.js';

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
