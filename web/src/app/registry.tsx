// The pages inside the app shell. One entry = one route and (unless `nav` is false) one navbar link, so a
// later capability adds a page by appending an entry here (or spreading its own array into PAGES).
import type { ComponentType } from 'react';
import type { OrganizationKind } from '../../../src/domain/browser.js';
import {
  IconBuildings,
  IconFiles,
  IconHistory,
  IconHome,
  IconKey,
  IconSettings,
  IconUser,
  type IconComponent,
} from '../components/icons.js';
import { IconClipboardCheck, IconFactory, IconHandshake, IconStack } from '../components/engagement/icons.js';
import { VISIT_PAGES } from '../pages/visits/pages.js';
import { QUALITY_PAGES } from '../pages/quality/routes.js';
import { PILOT_PAGES } from '../pages/pilots/routes.js';
import { SUPPLIER_SIDE_PAGES } from '../pages/suppliers/routes.js';
import { RECORD_PAGES } from '../pages/record/pages.js';
import { DISCREPANCY_PAGES } from '../pages/discrepancies/pages.js';
import { lazyPage } from './lazyPage.js';
import { can, type Permission, type Session } from './session.js';

const AccountPage = lazyPage(() => import('../pages/AccountPage.js'), 'AccountPage');
const AuditLogPage = lazyPage(() => import('../pages/AuditLogPage.js'), 'AuditLogPage');
const DirectoryPage = lazyPage(() => import('../pages/DirectoryPage.js'), 'DirectoryPage');
const EngagementPage = lazyPage(() => import('../pages/engagements/EngagementPage.js'), 'EngagementPage');
const EngagementsPage = lazyPage(() => import('../pages/engagements/EngagementsPage.js'), 'EngagementsPage');
const EvidenceLibraryPage = lazyPage(() => import('../pages/evidence/EvidenceLibraryPage.js'), 'EvidenceLibraryPage');
const FilesPage = lazyPage(() => import('../pages/FilesPage.js'), 'FilesPage');
const HomePage = lazyPage(() => import('../pages/HomePage.js'), 'HomePage');
const OrganizationDetailPage = lazyPage(() => import('../pages/OrganizationDetailPage.js'), 'OrganizationDetailPage');
const OrganizationSettingsPage = lazyPage(() => import('../pages/OrganizationSettingsPage.js'), 'OrganizationSettingsPage');
const PoliciesPage = lazyPage(() => import('../pages/policies/PoliciesPage.js'), 'PoliciesPage');
const SupplierProfilePage = lazyPage(() => import('../pages/suppliers/SupplierProfilePage.js'), 'SupplierProfilePage');
const TokensPage = lazyPage(() => import('../pages/TokensPage.js'), 'TokensPage');

/** Navbar sections, in display order. Add one here with its `nav.groups.<id>` i18n key. */
export const NAV_GROUPS = ['workspace', 'settings'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface AppPage {
  /** Route path inside the shell, e.g. '/engagements' or '/engagements/:id'. */
  path: string;
  /** The page component (may be `lazy(() => import(...))`; the shell wraps routes in Suspense). */
  component: ComponentType;
  /** i18n key of the navbar label (and the home quick link); required unless `nav` is false. */
  labelKey?: string;
  /** i18n key of a one-line description; pages with one appear as quick links on the home page. */
  descriptionKey?: string;
  icon?: IconComponent;
  /** Organization kinds that see the page; all when absent. */
  kinds?: readonly OrganizationKind[];
  /** Minimum permission (src/domain/permissions.ts) to see the page; the server enforces it anyway. */
  permission?: Permission;
  group?: NavGroup;
  /** false: a route without a navbar link (detail pages). */
  nav?: boolean;
  /** Also highlight the link on sub-paths (e.g. '/engagements/123'); default true except for '/'. */
  matchPrefix?: boolean;
}

export const PAGES: AppPage[] = [
  { path: '/', component: HomePage, labelKey: 'nav.home', icon: IconHome, group: 'workspace', matchPrefix: false },
  { path: '/directory', component: DirectoryPage, labelKey: 'nav.directory', descriptionKey: 'nav.descriptions.directory', icon: IconBuildings, group: 'workspace' },
  { path: '/directory/:id', component: OrganizationDetailPage, nav: false },
  // Engagements and the supplier's profile and evidence (the verification model).
  {
    path: '/engagements',
    component: EngagementsPage,
    labelKey: 'nav.engagements',
    descriptionKey: 'nav.descriptions.engagements',
    icon: IconHandshake,
    group: 'workspace',
    kinds: ['buyer', 'supplier'],
    permission: 'engagement.read',
  },
  { path: '/engagements/:id', component: EngagementPage, nav: false, kinds: ['buyer', 'supplier'], permission: 'engagement.read' },
  { path: '/organizations/:id', component: OrganizationDetailPage, nav: false },
  { path: '/profile', component: SupplierProfilePage, labelKey: 'nav.profile', descriptionKey: 'nav.descriptions.profile', icon: IconFactory, group: 'workspace', kinds: ['supplier'] },
  { path: '/evidence', component: EvidenceLibraryPage, labelKey: 'nav.evidence', descriptionKey: 'nav.descriptions.evidence', icon: IconStack, group: 'workspace', kinds: ['supplier'] },
  { path: '/policies', component: PoliciesPage, labelKey: 'nav.policies', descriptionKey: 'nav.descriptions.policies', icon: IconClipboardCheck, group: 'workspace', kinds: ['buyer'], permission: 'policy.read' },
  // Visits and audits: planning, the on-site phone form (offline outbox), closing, report, portfolio.
  ...VISIT_PAGES,
  // Quality: specifications, sample tests, AQL lot inspections, batch-record imports, SPC, verified capacity.
  ...QUALITY_PAGES,
  // Pilots (phase 3): KPIs from orders and deliveries, evaluation points and reviews.
  ...PILOT_PAGES,
  // The supplier's side: buyers by sincerity, the evidence room, the public profile; what others share with us.
  ...SUPPLIER_SIDE_PAGES,
  // The verifiable record: the engagement's log entries and dossier, track-record credentials.
  ...RECORD_PAGES,
  // Discrepancies with 8D corrective action, the escalation ladder, partnership health.
  ...DISCREPANCY_PAGES,
  { path: '/files', component: FilesPage, labelKey: 'nav.files', descriptionKey: 'nav.descriptions.files', icon: IconFiles, group: 'workspace', permission: 'files.read' },
  {
    path: '/settings/organization',
    component: OrganizationSettingsPage,
    labelKey: 'nav.organization',
    descriptionKey: 'nav.descriptions.organization',
    icon: IconSettings,
    group: 'settings',
    permission: 'organization.read',
  },
  { path: '/settings/tokens', component: TokensPage, labelKey: 'nav.tokens', descriptionKey: 'nav.descriptions.tokens', icon: IconKey, group: 'settings', permission: 'tokens.manage' },
  { path: '/settings/audit-log', component: AuditLogPage, labelKey: 'nav.audit', descriptionKey: 'nav.descriptions.audit', icon: IconHistory, group: 'settings', permission: 'audit.read' },
  { path: '/settings/account', component: AccountPage, labelKey: 'nav.account', icon: IconUser, group: 'settings' },
];

export function pageAllowed(page: AppPage, session: Session): boolean {
  if (page.kinds && !page.kinds.includes(session.organization.kind)) return false;
  if (page.permission && !can(session, page.permission)) return false;
  return true;
}

/** The navbar links the session may see, grouped in NAV_GROUPS order. */
export function navFor(session: Session): { group: NavGroup; pages: AppPage[] }[] {
  const visible = PAGES.filter((p) => p.nav !== false && p.labelKey && pageAllowed(p, session));
  return NAV_GROUPS.map((group) => ({ group, pages: visible.filter((p) => (p.group ?? 'workspace') === group) })).filter((g) => g.pages.length > 0);
}
