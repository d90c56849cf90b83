// The supplier's side inside the app shell, spread into PAGES (web/src/app/registry.tsx): buyers by sincerity, the
// evidence room, the public profile settings, and what others share with us. The public profile page itself is
// served by the server (/public/suppliers/{slug}), outside the app.
import type { AppPage } from '../../app/registry.js';
import { lazy } from 'react';
import { IconShare, IconStack } from '../../components/engagement/icons.js';
import { IconUsers, IconWorld } from '../../components/icons.js';

const BuyersPage = lazy(() => import('./BuyersPage.js').then((m) => ({ default: m.BuyersPage })));
const EvidenceRoomPage = lazy(() => import('./EvidenceRoomPage.js').then((m) => ({ default: m.EvidenceRoomPage })));
const PublicProfilePage = lazy(() => import('./PublicProfilePage.js').then((m) => ({ default: m.PublicProfilePage })));
const SharedWithUsPage = lazy(() => import('./SharedWithUsPage.js').then((m) => ({ default: m.SharedWithUsPage })));
const SharedEvidencePage = lazy(() => import('./SharedEvidencePage.js').then((m) => ({ default: m.SharedEvidencePage })));

export const SUPPLIER_SIDE_PAGES: AppPage[] = [
  {
    path: '/buyers',
    component: BuyersPage,
    labelKey: 'suppliers.nav.buyers',
    descriptionKey: 'suppliers.nav.buyersDescription',
    icon: IconUsers,
    group: 'workspace',
    kinds: ['supplier'],
    permission: 'sincerity.read',
  },
  {
    path: '/evidence-room',
    component: EvidenceRoomPage,
    labelKey: 'suppliers.nav.room',
    descriptionKey: 'suppliers.nav.roomDescription',
    icon: IconStack,
    group: 'workspace',
    kinds: ['supplier'],
    permission: 'shares.read',
  },
  {
    path: '/public-profile',
    component: PublicProfilePage,
    labelKey: 'suppliers.nav.publicProfile',
    descriptionKey: 'suppliers.nav.publicProfileDescription',
    icon: IconWorld,
    group: 'workspace',
    kinds: ['supplier'],
    permission: 'profile.manage',
  },
  {
    path: '/shared',
    component: SharedWithUsPage,
    labelKey: 'suppliers.nav.shared',
    descriptionKey: 'suppliers.nav.sharedDescription',
    icon: IconShare,
    group: 'workspace',
    kinds: ['buyer', 'auditor'],
    permission: 'shares.read',
  },
  { path: '/shared/:id', component: SharedEvidencePage, nav: false, permission: 'shares.read' },
];
