import { findUserByEmail } from '../db/repositories/users.js';
import { updateOrganization } from '../db/repositories/organizations.js';
import { createUserFromCli, signup } from '../services/accounts/accounts.js';
import type { ServiceContext } from '../services/shared/context.js';
import { seedEngagementStory } from './engagement-story.js';
import { seedQualityStory } from './quality-story.js';
import { seedVisitStory } from './visit-story.js';
import { seedPublicCredentialsStory, seedSupplierSideStory } from './supplier-side-story.js';
import { seedRecordStory } from './record-story.js';
import { seedPilotStory } from './pilot-story.js';
import { seedDiscrepancyStory } from './discrepancy-story.js';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS, type DemoOrgKey } from './accounts.js';

export interface DemoLogin {
  email: string;
  password: string;
  organization: string;
  role: string;
}

/** Later capabilities add their part of the story here, in order; each runs once, on the freshly seeded ids. */
export type DemoStep = (ctx: ServiceContext, ids: DemoIds) => Promise<void>;
export interface DemoIds {
  organizations: Record<DemoOrgKey, string>;
  users: Record<string, string>;
}

export const DEMO_STEPS: DemoStep[] = [seedEngagementStory, seedVisitStory, seedQualityStory, seedSupplierSideStory, seedRecordStory, seedPublicCredentialsStory, seedPilotStory, seedDiscrepancyStory];

export async function demoIsSeeded(ctx: ServiceContext): Promise<boolean> {
  return Boolean(await findUserByEmail(ctx.handle.db, DEMO_USERS[0].email));
}

/** Seeds the demo workspace through the same services a user goes through; does nothing when it exists. */
export async function seedDemo(ctx: ServiceContext): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const logins = DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, organization: DEMO_ORGANIZATIONS[u.org].name, role: u.role }));
  if (await demoIsSeeded(ctx)) return { created: false, logins };

  const organizations = {} as Record<DemoOrgKey, string>;
  const users: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const org = DEMO_ORGANIZATIONS[u.org];
    if (!organizations[u.org]) {
      const r = await signup(ctx, {
        email: u.email,
        password: DEMO_PASSWORD,
        displayName: u.displayName,
        locale: u.locale,
        timeZone: u.timeZone,
        organization: { name: org.name, kind: org.kind, country: org.country, identifiers: [...org.identifiers] },
      });
      organizations[u.org] = r.organization.id;
      users[u.email] = r.user.id;
      await updateOrganization(ctx.handle.db, r.organization.id, {
        description: org.description,
        website: org.website,
        categories: JSON.stringify(org.categories),
      });
    } else {
      const r = await createUserFromCli(ctx, {
        email: u.email,
        password: DEMO_PASSWORD,
        displayName: u.displayName,
        locale: u.locale,
        timeZone: u.timeZone,
        organizationId: organizations[u.org],
        role: u.role,
      });
      users[u.email] = r.user.id;
    }
  }
  for (const step of DEMO_STEPS) await step(ctx, { organizations, users });
  return { created: true, logins };
}
