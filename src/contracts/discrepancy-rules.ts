// The `discrepancies` section of a verification policy: due dates of the 8D steps by severity, how fast an overdue
// step escalates, the default progress-update cadence and when a technical inquiry is due. Data, versioned with
// the policy; the domain type (domain/discrepancies/rules.ts) is the source, this schema validates uploads.
import { z } from 'zod';
import { checkRules, type DiscrepancyRules } from '../domain/discrepancies/rules.js';

const hours = () => z.number().positive('must be more than 0 hours').max(24 * 366, 'must be at most a year (8784 h)');

const StepHoursSchema = z.strictObject({
  D0: hours(),
  D1: hours(),
  D2: hours(),
  D3: hours(),
  D4: hours(),
  D5: hours(),
  D6: hours(),
  D7: hours(),
  D8: hours(),
});

export const DiscrepancyRulesSchema = z
  .strictObject({
    stepDueHours: z.strictObject({ critical: StepHoursSchema, major: StepHoursSchema, minor: StepHoursSchema }),
    escalateEveryHours: z.strictObject({ critical: hours(), major: hours(), minor: hours() }),
    progressUpdateEveryDays: z.int().min(1).max(90),
    inquiryDueBusinessDays: z.number().positive().max(30),
  })
  .superRefine((rules, ctx) => {
    for (const p of checkRules(rules)) ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.message });
  }) satisfies z.ZodType<DiscrepancyRules>;
