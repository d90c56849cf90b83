// What the portfolio keeps between reads: evaluating every running pilot and deciding every claim of a thousand
// engagements on each page load is most of the dashboard's time, and their inputs rarely change.
//
// Each engagement's figures are kept with what they depend on, and used only while all of it is unchanged:
// - the engagement's portfolio revision (migration 016), raised by triggers on every table the figures are read
//   from. The revision is read before the data, so kept figures are never older than their revision (at worst
//   figures computed from newer data are computed once more);
// - the clock, as each kind of figure depends on it (below).
// An engagement without a revision (none can be, but a kept value must never rest on a guess) keeps nothing.
// Kept per database handle, so that two databases in one process (tests, a CLI beside a server) never share.
import type { KpiData, PilotKpiEvaluation } from '../../domain/pilots/index.js';
import type { ReadinessEvidence } from '../../domain/readiness/types.js';

/** Beyond this many entries the older half is dropped: a bound on memory, not a tuning. */
const MAX_KEPT = 50_000;

function keptStore<V>() {
  const byOwner = new WeakMap<object, Map<string, V>>();
  const of = (owner: object) => {
    let m = byOwner.get(owner);
    if (!m) byOwner.set(owner, (m = new Map()));
    return m;
  };
  return {
    get: (owner: object, key: string) => of(owner).get(key),
    set(owner: object, key: string, value: V) {
      const m = of(owner);
      m.delete(key);
      if (m.size >= MAX_KEPT) {
        let drop = m.size >> 1;
        for (const k of m.keys()) {
          if (drop-- === 0) break;
          m.delete(k);
        }
      }
      m.set(key, value);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A pilot's KPI evaluation: KPIs are evaluated as of today (UTC), so it holds for the day it was computed on. An
// unanswered technical inquiry is aged to the instant of the request: an evaluation on such data is not kept.

export interface KeptEvaluation {
  revision: string | null;
  day: string;
  evaluation: PilotKpiEvaluation;
  /** Each KPI's label by key (definitions change only with the revision). */
  labels: ReadonlyMap<string, string | null>;
}

const evaluations = keptStore<KeptEvaluation>();

export function keptEvaluation(owner: object, pilotId: string, revision: string | null, day: string): KeptEvaluation | undefined {
  const e = evaluations.get(owner, pilotId);
  return e && revision !== null && e.revision === revision && e.day === day ? e : undefined;
}

/** Keeps the evaluation if it would be the same at any instant of its day. */
export function keepEvaluation(owner: object, pilotId: string, entry: KeptEvaluation, data: KpiData): void {
  if (entry.revision !== null && data.inquiries.every((q) => q.answeredAt !== null)) evaluations.set(owner, pilotId, entry);
}

// ---------------------------------------------------------------------------------------------------------------
// An engagement's contradicted claims: evidence counts only while in force (valid from ≤ now ≤ valid to), so they
// hold from the last validity boundary of its linked evidence up to the next one.

export interface KeptClaims<T> {
  revision: string;
  /** The instants (ms) between which the evidence in force is the same: [from, until). */
  from: number;
  until: number;
  items: T[];
}

const claimStatuses = keptStore<KeptClaims<unknown>>();

export function keptClaims<T>(owner: object, engagementId: string, revision: string | null, now: Date): T[] | undefined {
  const e = claimStatuses.get(owner, engagementId);
  const t = now.getTime();
  return e && revision !== null && e.revision === revision && e.from <= t && t < e.until ? (e.items as T[]) : undefined;
}

export function keepClaims<T>(owner: object, engagementId: string, revision: string | null, now: Date, evidence: readonly ReadinessEvidence[], items: T[]): void {
  if (revision === null) return;
  const t = now.getTime();
  let from = -Infinity;
  let until = Infinity;
  // Whether a piece is in force changes at its valid-from instant and one millisecond after its valid-to.
  for (const e of evidence) {
    for (const b of [e.validFrom?.getTime(), e.validTo === null || e.validTo === undefined ? undefined : e.validTo.getTime() + 1]) {
      if (b === undefined) continue;
      if (b <= t) from = Math.max(from, b);
      else until = Math.min(until, b);
    }
  }
  claimStatuses.set(owner, engagementId, { revision, from, until, items });
}
