import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../model.js';
import { expiringWithin, publicClaimStanding, slugify, type PublicEvidenceFact } from './public-claims.js';

const fact = (p: Partial<PublicEvidenceFact>): PublicEvidenceFact => ({
  provenance: 'documented',
  kind: 'certificate',
  recorderKind: 'supplier',
  issuer: null,
  recordedAt: '2026-03-14T08:00:00.000Z',
  validTo: null,
  ...p,
});

describe('publicClaimStanding', () => {
  it.each<{ name: string; status: ClaimStatus; e: PublicEvidenceFact | null; standing: string; verified: boolean; source?: string; summary: string }>([
    {
      name: 'capacity observed on site by a buyer',
      status: 'supported',
      e: fact({ provenance: 'observed', kind: 'visit_observation', recorderKind: 'buyer' }),
      standing: 'verified',
      verified: true,
      source: 'buyer',
      summary: 'Observed on site by a buyer, March 2026.',
    },
    {
      name: 'capacity measured from production logs',
      status: 'supported',
      e: fact({ provenance: 'observed', kind: 'production_log', recorderKind: 'buyer' }),
      standing: 'verified',
      verified: true,
      summary: 'Observed in production logs by a buyer, March 2026.',
    },
    {
      name: 'ISO 13485 certificate documented by its issuer',
      status: 'supported',
      e: fact({ issuer: 'TÜV Rheinland', validTo: '2026-12-31T00:00:00.000Z' }),
      standing: 'verified',
      verified: true,
      source: 'issuer',
      summary: 'Certificate documented, valid until 2026-12-31.',
    },
    {
      name: 'a third-party audit',
      status: 'supported',
      e: fact({ provenance: 'third_party', kind: 'audit_report', recorderKind: 'auditor' }),
      standing: 'verified',
      verified: true,
      source: 'auditor',
      summary: 'Confirmed by a third party (audit report), March 2026.',
    },
    {
      name: 'supported only by the supplier’s word: never verified',
      status: 'supported',
      e: fact({ provenance: 'self_declared', kind: 'testimonial' }),
      standing: 'self_declared',
      verified: false,
      source: 'supplier',
      summary: 'Self-declared by the supplier; not verified.',
    },
    { name: 'no evidence', status: 'unverified', e: null, standing: 'unverified', verified: false, summary: 'Not verified: no evidence yet.' },
    {
      name: 'contradicted by a buyer’s count',
      status: 'contradicted',
      e: fact({ provenance: 'observed', kind: 'visit_observation', recorderKind: 'buyer' }),
      standing: 'contradicted',
      verified: false,
      summary: 'Contradicted by visit (observed) from a buyer, March 2026.',
    },
  ])('$name', ({ status, e, standing, verified, source, summary }) => {
    const s = publicClaimStanding(status, e);
    expect(s.standing).toBe(standing);
    expect(s.verified).toBe(verified);
    if (source) expect(s.strongest?.source).toBe(source);
    expect(s.summary).toBe(summary);
    if (e) expect(s.strongest?.month).toBe('2026-03');
  });
});

describe('expiringWithin', () => {
  const NOW = new Date('2026-03-01T00:00:00.000Z');
  it('keeps what runs out within 90 days, soonest first, and leaves out what already expired', () => {
    const items = [
      { title: 'ISO 13485', validTo: '2026-04-19T00:00:00.000Z' },
      { title: 'ISO 9001', validTo: '2027-03-31T00:00:00.000Z' },
      { title: 'Registry extract', validTo: '2026-03-05T00:00:00.000Z' },
      { title: 'Old audit', validTo: '2026-02-01T00:00:00.000Z' },
      { title: 'No end', validTo: null },
    ];
    expect(expiringWithin(items, NOW).map((i) => [i.title, i.daysLeft])).toEqual([
      ['Registry extract', 4],
      ['ISO 13485', 49],
    ]);
  });
});

describe('slugify', () => {
  it.each([
    ['Ningbo Hengtai Precision Co., Ltd.', 'ningbo-hengtai-precision-co-ltd'],
    ['Müller & Söhne GmbH', 'muller-sohne-gmbh'],
    ['  Beilun Plant 1 ', 'beilun-plant-1'],
    ['宁波恒泰精密', ''],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
