import { describe, expect, it } from 'vitest';
import { facilityRecords, profileDid, type FacilityClaim } from './facility-record.js';

const claim = (p: Partial<FacilityClaim>): FacilityClaim => ({
  type: 'certification',
  title: 'ISO 13485:2016 certified',
  value: null,
  unit: null,
  period: null,
  siteSlug: null,
  slug: 'iso-13485-2016-certified',
  verified: true,
  summary: 'Certificate documented, valid until 2026-12-31.',
  month: '2026-01',
  ...p,
});

describe('facilityRecords', () => {
  const records = facilityRecords({
    baseUrl: 'http://127.0.0.1:3000',
    slug: 'ningbo-hengtai',
    organization: { name: 'Ningbo Hengtai Precision Co., Ltd.', identifiers: [{ scheme: 'cn-uscc', value: '91330200MA2H2KGP8X' }] },
    sites: [
      { slug: 'beilun-plant-1', name: 'Beilun Plant 1', address: '16 Mingzhou West Road, Ningbo', country: 'CN', processes: ['5-axis CNC machining', 'CMM inspection'] },
      { slug: 'plant-2', name: 'Plant 2', address: 'Cixi', country: 'CN', processes: [] },
    ],
    claims: [
      claim({}),
      claim({ type: 'capacity', title: 'Line 1 housings', value: 24000, unit: 'pcs', period: 'month', siteSlug: 'beilun-plant-1', slug: 'line-1-housings', verified: false, summary: 'Self-declared by the supplier; not verified.', month: null }),
    ],
    issuedAt: '2026-03-02T09:00:00.000Z',
  });

  it('one DFR credential per site, shaped as the UNTP data model', () => {
    expect(records).toHaveLength(2);
    const r = records[0] as Record<string, any>;
    expect(r['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://test.uncefact.org/vocabulary/untp/dfr/0.5.0/']);
    expect(r.type).toEqual(['DigitalFacilityRecord', 'VerifiableCredential']);
    expect(r.issuer).toMatchObject({ type: ['CredentialIssuer'], id: 'did:web:127.0.0.1%3A3000:public:suppliers:ningbo-hengtai', name: 'Ningbo Hengtai Precision Co., Ltd.' });
    expect(r.credentialSubject).toMatchObject({
      type: ['FacilityRecord'],
      id: 'http://127.0.0.1:3000/public/suppliers/ningbo-hengtai#site-beilun-plant-1',
      name: 'Beilun Plant 1',
      countryOfOperation: 'CN',
      operatedByParty: { id: 'urn:bonafide:identifier:cn-uscc:91330200MA2H2KGP8X', name: 'Ningbo Hengtai Precision Co., Ltd.', registeredId: '91330200MA2H2KGP8X' },
      address: { streetAddress: '16 Mingzhou West Road, Ningbo', addressCountry: 'CN' },
    });
  });

  it('a verified claim conforms; an unverified one carries no conformance; site claims stay with their site', () => {
    const [a, b] = records as Record<string, any>[];
    expect(a.credentialSubject.conformityClaim).toHaveLength(2);
    expect(b.credentialSubject.conformityClaim).toHaveLength(1);
    const [cert, capacity] = a.credentialSubject.conformityClaim;
    expect(cert).toMatchObject({ type: ['Claim', 'Declaration'], conformityTopic: 'governance.compliance', conformance: true, assessmentDate: '2026-01-01' });
    expect(capacity).toMatchObject({ conformityTopic: 'governance.transparency', declaredValue: [{ metricName: 'capacity per month', metricValue: { value: 24000, unit: 'H87' } }] });
    expect(capacity).not.toHaveProperty('conformance');
    expect(capacity).not.toHaveProperty('assessmentDate');
  });

  it('a did:web keeps the port percent-encoded', () => {
    expect(profileDid('https://bonafide.example', 'x')).toBe('did:web:bonafide.example:public:suppliers:x');
  });
});
