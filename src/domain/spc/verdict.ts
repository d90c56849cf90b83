// The capability verdict of a characteristic: capable, marginal or not capable by Cpk — but only for a process in
// statistical control. Capability indices predict what a process will make; a process with special causes acting
// on it (Nelson signals) has no stable distribution to predict from, so its Cpk describes the past window and not
// the process: SPC practice (AIAG SPC manual, ch. I §5 "process must be in statistical control before capability
// is assessed"; Montgomery, Introduction to SQC, §8.1) says "not in control: capability not meaningful". Pure.
//
// Which signals count (decided here, in one place):
// - On the RECENT_POINTS most recent plotted points (values, or subgroup means) — the process as it runs now; 25
//   is the number of subgroups a capability study starts from (AIAG: "25 or more subgroups"):
//   · a rule-1 point (beyond the 3σ control limits: Shewhart's own out-of-control signal), or
//   · signals of at least two different rules. Each sensitising rule (2–8) alone fires by chance on about 0.3–0.5 %
//     of the points of a stable normal process, so over 25 points one of the seven fires in roughly every third
//     stable process (Montgomery §5.3.6: many sensitising rules at once inflate false alarms); two rules agreeing
//     on the same window keep the chance rate near a Shewhart chart's, while a real shift, trend or mixture fires
//     several (a drift: rules 2, 3, 5, 6).
// - Over the whole analysed window, rule-1 points in excess of chance: an in-control normal process puts 0.27 % of
//   its points beyond 3σ, so a long history (the analyses read up to 1,000 recent values) has a few such points by
//   chance alone. More than RULE1_SHARE (1 %, about four times the chance rate) and at least two points say the
//   window had special causes. Older signals of rules 2–8 alone do not.
// The Cpk is still given with the verdict, marked as not meaningful, so the reader sees what the data would say.
import { capabilityClass } from './capability.js';
import type { NelsonSignal } from './nelson.js';

export const RECENT_POINTS = 25;
export const RULE1_SHARE = 0.01;

export type CapabilityStatus = 'capable' | 'marginal' | 'not_capable' | 'not_in_control' | 'not_computable';

export interface CapabilityVerdict {
  status: CapabilityStatus;
  /** False when the signals below say the process is not in statistical control. */
  inControl: boolean;
  /** The rules that fired on the recent points, ascending (whether or not they were enough to decide). */
  recentRules: number[];
  /** Rule-1 points over the whole window, and the window's plotted points. */
  rule1Points: number;
  points: number;
}

/** The capability class of the Cpk (./capability.ts: ≥ 1.33 capable, ≥ 1.00 marginal, below not capable); null: not computable. */
export function capabilityBand(cpk: number | null | undefined): Exclude<CapabilityStatus, 'not_in_control'> {
  if (cpk === null || cpk === undefined || !Number.isFinite(cpk)) return 'not_computable';
  return capabilityClass(cpk);
}

/**
 * The verdict of a characteristic from its Cpk, the Nelson signals of its chart and the number of plotted points
 * (signal indices are indices into those points).
 */
export function capabilityVerdict(cpk: number | null | undefined, signals: readonly NelsonSignal[], points: number): CapabilityVerdict {
  const recentFrom = Math.max(0, points - RECENT_POINTS);
  const recent = new Set<number>();
  let rule1Points = 0;
  for (const s of signals) {
    if (s.rule === 1) rule1Points += s.points.length;
    if (s.points.some((i) => i >= recentFrom)) recent.add(s.rule);
  }
  const recentRules = [...recent].sort((a, b) => a - b);
  const recentSignal = recent.has(1) || recent.size >= 2;
  const inControl = !recentSignal && !(rule1Points >= 2 && rule1Points > RULE1_SHARE * points);
  const band = capabilityBand(cpk);
  return { status: inControl || band === 'not_computable' ? band : 'not_in_control', inControl, recentRules, rule1Points, points };
}
