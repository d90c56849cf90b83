// Worlds a test builds for itself, so that each test file and each test runs alone (no ordered stories).
import { expect } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { signupClient, type Client } from './http.js';

export type Party = Client & { organizationId: string; userId: string; email: string };

let n = 0;

export interface EngagementWorld {
  buyer: Party;
  supplier: Party;
  /** A buyer that is no party to the engagement. */
  stranger: Party;
  engagementId: string;
  siteId: string;
}

/**
 * A buyer, a supplier with one site, and an engagement between them: accepted (phase credibility) unless
 * `accepted: false` leaves it proposed.
 */
export async function engagementWorld(app: App, opts: { accepted?: boolean; productMaturity?: 'new' | 'custom' | 'commercialized' } = {}): Promise<EngagementWorld> {
  const k = ++n;
  const buyer = await signupClient(app, { name: `Buyer ${k} GmbH`, kind: 'buyer', country: 'DE' });
  const supplier = await signupClient(app, { name: `Supplier ${k} Co., Ltd.`, kind: 'supplier', country: 'CN' });
  const stranger = await signupClient(app, { name: `Stranger ${k} LLC`, kind: 'buyer', country: 'US' });
  const site = await supplier.post(`/api/v1/organizations/${supplier.organizationId}/sites`, { name: 'Plant 1', address: '88 Xinghai Rd, Suzhou', country: 'CN', timeZone: 'Asia/Shanghai' });
  expect(site.statusCode, site.body).toBe(201);
  const e = await buyer.post('/api/v1/engagements', {
    supplierOrganizationId: supplier.organizationId,
    title: `Housings ${k}`,
    scope: { products: ['Pump housing'], destinationCountry: 'DE', productMaturity: opts.productMaturity ?? 'custom' },
  });
  expect(e.statusCode, e.body).toBe(201);
  const engagementId = e.json().id as string;
  if (opts.accepted !== false) {
    const r = await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' });
    expect(r.statusCode, r.body).toBe(200);
  }
  return { buyer, supplier, stranger, engagementId, siteId: site.json().id };
}
