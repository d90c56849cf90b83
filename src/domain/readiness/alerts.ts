// Evidence that is expiring (warn at 60 and 30 days), expired (stops counting) or stale (older than a
// requirement's maximum age).
import type { Requirement } from '../policy/types.js';
import { MS_PER_DAY, evidenceAgeDays, isCandidate, isExpired, isInForce, normalizeLabel } from './evidence.js';
import type { EvidenceAlert, EvidenceAlertState, ReadinessEvidence } from './types.js';

export const EXPIRY_WARNING_DAYS = [60, 30] as const;

function renewalKey(e: ReadinessEvidence): string {
  return `${e.kind}|${normalizeLabel(e.attributes?.standard ?? e.attributes?.identifier ?? e.title)}`;
}

/**
 * Per kind and subject, the latest end of validity among the pieces in force (Infinity: one has no end). A piece
 * has been renewed when another of its kind and subject, in force, is valid for longer — that is, when this latest
 * end lies beyond its own (it cannot be its own: "longer" is strict). One pass, so readiness stays linear in the
 * evidence instead of comparing every piece with every other.
 */
function latestValidityByKey(evidence: readonly ReadinessEvidence[], now: Date): Map<string, number> {
  // Only pieces with an end of validity are looked up, and a piece renews only pieces of its own kind: the other
  // kinds need no key (at 10,000 items, working out every batch record's key was most of the alerts' time).
  const kinds = new Set<string>();
  for (const e of evidence) if (e.validTo) kinds.add(e.kind);
  const latest = new Map<string, number>();
  for (const o of evidence) {
    if (!kinds.has(o.kind) || !isInForce(o, now)) continue;
    const key = renewalKey(o);
    const end = o.validTo == null ? Infinity : o.validTo.getTime();
    if (end > (latest.get(key) ?? -Infinity)) latest.set(key, end);
  }
  return latest;
}

function isRenewed(e: ReadinessEvidence, validTo: Date, latest: Map<string, number>): boolean {
  return (latest.get(renewalKey(e)) ?? -Infinity) > validTo.getTime();
}

const ORDER: Record<EvidenceAlertState, number> = { expired: 0, expiring_30: 1, expiring_60: 2, stale: 3 };

function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function evidenceAlerts(
  evidence: readonly ReadinessEvidence[],
  requirements: readonly Requirement[],
  now: Date,
): EvidenceAlert[] {
  const alerts: EvidenceAlert[] = [];
  const alerted = new Set<string>();
  const latest = latestValidityByKey(evidence, now);
  for (const e of evidence) {
    if (!e.validTo || isRenewed(e, e.validTo, latest)) continue;
    const msLeft = e.validTo.getTime() - now.getTime();
    const base = { evidenceId: e.id, title: e.title, kind: e.kind, validTo: e.validTo, requirementIds: [] };
    if (isExpired(e, now)) {
      const daysLeft = Math.floor(msLeft / MS_PER_DAY);
      alerts.push({
        ...base,
        state: 'expired',
        daysLeft,
        why: `"${e.title}" expired on ${dateOnly(e.validTo)} and no longer counts as evidence.`,
      });
      alerted.add(e.id);
      continue;
    }
    const daysLeft = Math.ceil(msLeft / MS_PER_DAY);
    const [warn60, warn30] = EXPIRY_WARNING_DAYS;
    if (daysLeft <= warn60) {
      const state = daysLeft <= warn30 ? 'expiring_30' : 'expiring_60';
      alerts.push({
        ...base,
        state,
        daysLeft,
        why: `"${e.title}" expires on ${dateOnly(e.validTo)}, in ${daysLeft} days; it stops counting then unless renewed.`,
      });
      alerted.add(e.id);
    }
  }
  // Stale for a requirement of the phase: of the right kind and subject, in force, but older than allowed.
  const stale = new Map<string, { evidence: ReadinessEvidence; requirementIds: string[]; maxAgeDays: number }>();
  for (const req of requirements) {
    if ((req.type !== 'evidence' && req.type !== 'visit') || req.maxAgeDays === undefined) continue;
    for (const e of evidence) {
      if (alerted.has(e.id) || !isInForce(e, now) || !isCandidate(e, req)) continue;
      if (evidenceAgeDays(e, now) <= req.maxAgeDays) continue;
      const entry = stale.get(e.id) ?? { evidence: e, requirementIds: [], maxAgeDays: req.maxAgeDays };
      entry.requirementIds.push(req.id);
      entry.maxAgeDays = Math.min(entry.maxAgeDays, req.maxAgeDays);
      stale.set(e.id, entry);
    }
  }
  for (const { evidence: e, requirementIds, maxAgeDays } of stale.values()) {
    alerts.push({
      evidenceId: e.id,
      title: e.title,
      kind: e.kind,
      validTo: e.validTo ?? null,
      state: 'stale',
      daysLeft: e.validTo ? Math.ceil((e.validTo.getTime() - now.getTime()) / MS_PER_DAY) : null,
      requirementIds,
      why: `"${e.title}" is ${Math.floor(evidenceAgeDays(e, now))} days old, older than the ${maxAgeDays} days allowed for ${requirementIds.join(', ')}; it does not count there.`,
    });
  }
  return alerts.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.validTo?.getTime() ?? Infinity) - (b.validTo?.getTime() ?? Infinity) ||
      a.evidenceId.localeCompare(b.evidenceId),
  );
}
