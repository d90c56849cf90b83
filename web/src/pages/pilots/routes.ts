// The pilot pages, spread into PAGES (src/app/registry.tsx). Loaded on demand: they bring the chart library.
import { lazy } from 'react';
import type { AppPage } from '../../app/registry.js';

const PilotPage = lazy(() => import('./PilotPage.js').then((m) => ({ default: m.PilotPage })));
const EngagementPilotPage = lazy(() => import('./EngagementPilotPage.js').then((m) => ({ default: m.EngagementPilotPage })));

export const PILOT_PAGES: AppPage[] = [
  { path: '/pilots/:id', component: PilotPage, nav: false, kinds: ['buyer', 'supplier'], permission: 'pilot.read' },
  { path: '/engagements/:id/pilot', component: EngagementPilotPage, nav: false, kinds: ['buyer', 'supplier'], permission: 'pilot.read' },
];
