// "Does visiting pay off?" A buyer's engagements with and without a closed visit, compared on the buyer's own
// data: share that reached partnership, how long partnerships last so far, discrepancies per month, pilot KPIs.
// Pure: the service loads the facts, this decides the groups and the numbers, and says why a number is missing.

import { DAYS_PER_MONTH } from '../periods.js';
const DAY = 86_400_000;

export interface EffectEngagement {
  id: string;
  /** When the supplier accepted (the engagement's clock starts); null if it never did. */
  acceptedAt: Date | null;
  /** When it was closed (rejected, withdrawn, terminated), else null. */
  endedAt: Date | null;
  /** When it first entered partnership, else null. */
  partnershipStartedAt: Date | null;
  visits: { type: string; status: string; closedAt: Date | null }[];
  /** Discrepancies recorded in it: major/minor findings and evidence contradicting a claim (counted once each). */
  discrepancies: number;
  /** A pilot KPI result 0–100 (share of KPIs met), when the pilot capability has recorded one. */
  pilotKpiScore: number | null;
}

/** Why a number is missing, as a code the web words in the reader's language (the sentence is for the API). */
export type MissingReason = 'empty_group' | 'no_partnership_yet' | 'no_running_time' | 'no_pilot_results';

export interface MetricNumber {
  value: number | null;
  reason: string | null;
  reasonCode: MissingReason | null;
}

export type CaveatCode = 'small_groups' | 'observational' | 'ongoing_durations' | 'never_accepted';

export interface EffectGroup {
  engagements: number;
  engagementIds: string[];
  reachedPartnership: number;
  partnershipShare: MetricNumber;
  partnershipDurationDays: MetricNumber & { ongoing: number; ended: number };
  discrepancies: number;
  engagementMonths: number;
  discrepanciesPerMonth: MetricNumber;
  pilotKpis: MetricNumber;
}

export interface VisitEffect {
  definition: string;
  includeRemote: boolean;
  withVisit: EffectGroup;
  withoutVisit: EffectGroup;
  caveats: string[];
  /** The caveats as codes with parameters, in the same order. */
  caveatCodes: { code: CaveatCode; params: Record<string, number> }[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const ok = (value: number): MetricNumber => ({ value, reason: null, reasonCode: null });
const REASONS: Record<MissingReason, string> = {
  empty_group: 'no engagements in this group',
  no_partnership_yet: 'no engagement of this group has reached partnership yet',
  no_running_time: 'the engagements of this group have no running time yet',
  no_pilot_results: 'no pilot KPI results recorded yet (pilots are recorded in operational compatibility)',
};
const missing = (code: MissingReason): MetricNumber => ({ value: null, reason: REASONS[code], reasonCode: code });

export function hasVisit(e: EffectEngagement, includeRemote: boolean): boolean {
  return e.visits.some((v) => v.status === 'closed' && (includeRemote || v.type !== 'remote_video'));
}

function group(list: EffectEngagement[], now: Date): EffectGroup {
  const n = list.length;
  const partners = list.filter((e) => e.partnershipStartedAt);
  const durations = partners.map((e) => ((e.endedAt ?? now).getTime() - e.partnershipStartedAt!.getTime()) / DAY);
  const months = list.reduce((sum, e) => sum + Math.max(0, ((e.endedAt ?? now).getTime() - e.acceptedAt!.getTime()) / DAY / DAYS_PER_MONTH), 0);
  const discrepancies = list.reduce((sum, e) => sum + e.discrepancies, 0);
  const kpis = list.map((e) => e.pilotKpiScore).filter((k): k is number => k !== null);
  return {
    engagements: n,
    engagementIds: list.map((e) => e.id),
    reachedPartnership: partners.length,
    partnershipShare: n ? ok(round(partners.length / n, 4)) : missing('empty_group'),
    partnershipDurationDays: {
      ...(partners.length
        ? ok(round(durations.reduce((a, b) => a + b, 0) / durations.length, 1))
        : missing(n ? 'no_partnership_yet' : 'empty_group')),
      ongoing: partners.filter((e) => !e.endedAt).length,
      ended: partners.filter((e) => e.endedAt).length,
    },
    discrepancies,
    engagementMonths: round(months, 2),
    discrepanciesPerMonth: months > 0 ? ok(round(discrepancies / months, 3)) : missing(n ? 'no_running_time' : 'empty_group'),
    pilotKpis: kpis.length
      ? ok(round(kpis.reduce((a, b) => a + b, 0) / kpis.length, 1))
      : missing(n ? 'no_pilot_results' : 'empty_group'),
  };
}

/**
 * Splits accepted engagements by whether a visit closed in them (on-site visits and third-party audits; remote
 * walk-throughs too when `includeRemote`). Engagements the supplier never accepted are left out.
 */
export function visitEffect(engagements: readonly EffectEngagement[], now: Date, includeRemote = false): VisitEffect {
  const accepted = engagements.filter((e) => e.acceptedAt !== null);
  const withVisit = accepted.filter((e) => hasVisit(e, includeRemote));
  const withoutVisit = accepted.filter((e) => !hasVisit(e, includeRemote));
  const caveatCodes: VisitEffect['caveatCodes'] = [
    { code: 'observational', params: {} },
    { code: 'ongoing_durations', params: {} },
  ];
  const small = [withVisit, withoutVisit].some((g) => g.length < 5);
  if (small) caveatCodes.unshift({ code: 'small_groups', params: { minimum: 5 } });
  if (engagements.length > accepted.length) caveatCodes.push({ code: 'never_accepted', params: { count: engagements.length - accepted.length } });
  const caveats = caveatCodes.map((c) => CAVEATS[c.code](c.params));
  return {
    definition:
      `“With a visit”: at least one ${includeRemote ? 'visit, audit or remote walk-through' : 'on-site visit or third-party audit'} of the engagement was closed. ` +
      'Discrepancies are major and minor visit findings plus evidence that contradicts a supplier claim; per month of the engagement since the supplier accepted.',
    includeRemote,
    withVisit: group(withVisit, now),
    withoutVisit: group(withoutVisit, now),
    caveats,
    caveatCodes,
  };
}

const CAVEATS: Record<CaveatCode, (p: Record<string, number>) => string> = {
  small_groups: (p) => `Fewer than ${p.minimum} engagements in a group: too few to conclude anything yet.`,
  observational: () =>
    'An observational comparison of your own engagements: a buyer tends to visit the suppliers it is already more serious about, so a difference is not proof that the visit caused it.',
  ongoing_durations: () => 'Partnership durations of ongoing partnerships are counted up to today, so they grow while the partnership lasts.',
  never_accepted: (p) => `${p.count} ${p.count === 1 ? 'engagement' : 'engagements'} the supplier never accepted ${p.count === 1 ? 'is' : 'are'} left out.`,
};
