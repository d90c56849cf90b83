import { describe, expect, it } from 'vitest';
import { visitEffect, type EffectEngagement } from './effect.js';

const NOW = new Date('2026-07-01T00:00:00Z');
const d = (s: string) => new Date(`${s}T00:00:00Z`);
function e(id: string, x: Partial<EffectEngagement> = {}): EffectEngagement {
  return { id, acceptedAt: d('2026-01-01'), endedAt: null, partnershipStartedAt: null, visits: [], discrepancies: 0, pilotKpiScore: null, ...x };
}
const closedVisit = (type = 'buyer_visit') => ({ type, status: 'closed', closedAt: d('2026-02-01') });

describe('visitEffect', () => {
  it('splits by a closed on-site visit and computes each metric (hand-computed)', () => {
    const r = visitEffect(
      [
        // with a visit: two engagements, one partnership since 1 Apr (91 days to 1 Jul), 3 discrepancies over 2 × 181 days
        e('a', { visits: [closedVisit()], partnershipStartedAt: d('2026-04-01'), discrepancies: 1, pilotKpiScore: 92 }),
        e('b', { visits: [closedVisit('third_party_audit'), { type: 'buyer_visit', status: 'confirmed', closedAt: null }], discrepancies: 2 }),
        // without: a remote walk-through only, a planned visit, and one never accepted (left out)
        e('c', { visits: [closedVisit('remote_video')], discrepancies: 4 }),
        e('d', { visits: [{ type: 'buyer_visit', status: 'proposed', closedAt: null }], acceptedAt: d('2026-04-01'), endedAt: d('2026-05-01') }),
        e('x', { acceptedAt: null }),
      ],
      NOW,
    );
    expect(r.withVisit).toMatchObject({ engagements: 2, engagementIds: ['a', 'b'], reachedPartnership: 1, discrepancies: 3 });
    expect(r.withVisit.partnershipShare).toEqual({ value: 0.5, reason: null, reasonCode: null });
    expect(r.withVisit.partnershipDurationDays).toEqual({ value: 91, reason: null, reasonCode: null, ongoing: 1, ended: 0 });
    // 181 days each: 2 × 181 / 30.4375 = 11.893… months; 3 / 11.893 = 0.252
    expect(r.withVisit.engagementMonths).toBeCloseTo(11.89, 2);
    expect(r.withVisit.discrepanciesPerMonth.value).toBeCloseTo(0.252, 3);
    expect(r.withVisit.pilotKpis).toEqual({ value: 92, reason: null, reasonCode: null });

    expect(r.withoutVisit).toMatchObject({ engagements: 2, engagementIds: ['c', 'd'], reachedPartnership: 0, discrepancies: 4 });
    expect(r.withoutVisit.partnershipShare.value).toBe(0);
    expect(r.withoutVisit.partnershipDurationDays).toMatchObject({ value: null, reason: 'no engagement of this group has reached partnership yet' });
    // c: 181 days, d: 30 days (ended) → 211 / 30.4375 = 6.932 months; 4 / 6.932 = 0.577
    expect(r.withoutVisit.discrepanciesPerMonth.value).toBeCloseTo(0.577, 3);
    expect(r.withoutVisit.pilotKpis.value).toBeNull();
    expect(r.withoutVisit.pilotKpis.reason).toMatch(/no pilot KPI results/);
    expect(r.caveats[0]).toMatch(/Fewer than 5/);
    expect(r.caveats.at(-1)).toMatch(/1 engagement the supplier never accepted is left out/);
    expect(r.caveatCodes.map((c) => c.code)).toEqual(['small_groups', 'observational', 'ongoing_durations', 'never_accepted']);
    expect(r.caveatCodes.at(-1)?.params).toEqual({ count: 1 });
  });

  it('a remote walk-through counts when asked to', () => {
    const r = visitEffect([e('c', { visits: [closedVisit('remote_video')] })], NOW, true);
    expect(r.withVisit.engagementIds).toEqual(['c']);
    expect(r.definition).toMatch(/remote walk-through/);
  });

  it('an ended partnership lasts until it ended', () => {
    const r = visitEffect([e('a', { visits: [closedVisit()], partnershipStartedAt: d('2026-03-01'), endedAt: d('2026-05-30') })], NOW);
    expect(r.withVisit.partnershipDurationDays).toEqual({ value: 90, reason: null, reasonCode: null, ongoing: 0, ended: 1 });
  });

  it.each([
    { name: 'no engagements at all', list: [] as EffectEngagement[], reason: 'no engagements in this group', reasonCode: 'empty_group' },
    { name: 'accepted today: no running time', list: [e('n', { acceptedAt: NOW })], reason: 'the engagements of this group have no running time yet', reasonCode: 'no_running_time' },
  ])('null with a reason: $name', ({ list, reason, reasonCode }) => {
    const r = visitEffect(list, NOW);
    expect(r.withoutVisit.discrepanciesPerMonth).toEqual({ value: null, reason, reasonCode });
    expect(r.withVisit.partnershipShare).toEqual({ value: null, reason: 'no engagements in this group', reasonCode: 'empty_group' });
  });
});
