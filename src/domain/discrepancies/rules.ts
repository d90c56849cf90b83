// Default due dates of the 8D steps by severity, and how fast an overdue step climbs the escalation ladder. This is
// policy data (the `discrepancies` section of a verification policy, versioned with it); the shipped defaults
// follow common supplier-quality practice: containment within 24 h of a critical defect, root cause within 7 days.
import { DISCREPANCY_SEVERITIES, EIGHT_D_STEPS, type DiscrepancySeverity, type EightDStep } from './model.js';

export interface DiscrepancyRules {
  /** Hours after the discrepancy is raised by which each step is due, per severity (never decreasing D0 → D8). */
  stepDueHours: Record<DiscrepancySeverity, Record<EightDStep, number>>;
  /** A step past its due time escalates to level 1; it climbs one more level every N hours it stays overdue. */
  escalateEveryHours: Record<DiscrepancySeverity, number>;
  /** Progress updates are expected this often, unless the engagement agreed another cadence. */
  progressUpdateEveryDays: number;
  /** A technical inquiry is due this many of the responder's business days after it was asked. */
  inquiryDueBusinessDays: number;
}

const H = 1;
const D = 24;

export const DEFAULT_DISCREPANCY_RULES: DiscrepancyRules = {
  stepDueHours: {
    critical: { D0: 4 * H, D1: 24 * H, D2: 24 * H, D3: 24 * H, D4: 7 * D, D5: 14 * D, D6: 30 * D, D7: 45 * D, D8: 60 * D },
    major: { D0: 24 * H, D1: 2 * D, D2: 2 * D, D3: 3 * D, D4: 10 * D, D5: 20 * D, D6: 45 * D, D7: 60 * D, D8: 75 * D },
    minor: { D0: 3 * D, D1: 7 * D, D2: 7 * D, D3: 7 * D, D4: 21 * D, D5: 30 * D, D6: 60 * D, D7: 90 * D, D8: 90 * D },
  },
  escalateEveryHours: { critical: 24, major: 72, minor: 168 },
  progressUpdateEveryDays: 7,
  inquiryDueBusinessDays: 2,
};

export interface PlannedStep {
  step: EightDStep;
  dueAt: Date;
}

const HOUR_MS = 3_600_000;

/** The due date of every step of a discrepancy raised at `raisedAt`. */
export function planSteps(raisedAt: Date, severity: DiscrepancySeverity, rules: DiscrepancyRules = DEFAULT_DISCREPANCY_RULES): PlannedStep[] {
  const hours = rules.stepDueHours[severity];
  return EIGHT_D_STEPS.map((step) => ({ step, dueAt: new Date(raisedAt.getTime() + hours[step] * HOUR_MS) }));
}

export interface RulesProblem {
  /** Path inside the rules, e.g. "stepDueHours.major.D4". */
  path: string;
  message: string;
}

/** What makes a rules document unusable beyond its shape: a later step due before an earlier one. */
export function checkRules(rules: DiscrepancyRules): RulesProblem[] {
  const problems: RulesProblem[] = [];
  for (const severity of DISCREPANCY_SEVERITIES) {
    const hours = rules.stepDueHours[severity];
    EIGHT_D_STEPS.forEach((step, i) => {
      if (i === 0) return;
      const before = EIGHT_D_STEPS[i - 1];
      if (hours[step] < hours[before]) {
        problems.push({ path: `stepDueHours.${severity}.${step}`, message: `must not be due before ${before} (${hours[before]} h)` });
      }
    });
  }
  return problems;
}
