// Continuous verification after the pilot: periodic re-audits due per the policy (e.g. every 24 months), with
// reminders 60 and 30 days ahead, like the certificate expiry warnings (readiness/alerts.ts).

export const REMINDER_DAYS = [60, 30] as const;

export interface ReauditInput {
  /** The latest audit or observed visit that counts; null when none. */
  lastAuditAt: Date | null;
  everyMonths: number;
  /** When continuous verification began (the partnership phase): a supplier never audited is due from then. */
  since: Date;
  now: Date;
}

export type ReauditStateName = 'ok' | 'due_60' | 'due_30' | 'overdue';

export interface ReauditState {
  dueAt: Date;
  state: ReauditStateName;
  /** Whole days until dueAt (negative when overdue). */
  daysLeft: number;
  basis: 'last_audit' | 'never_audited';
}

const DAY_MS = 86_400_000;

/** `d` plus whole calendar months (UTC), clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(d.getTime());
  out.setUTCFullYear(y, m, Math.min(d.getUTCDate(), lastDay));
  return out;
}

export function reauditState(input: ReauditInput): ReauditState {
  const dueAt = input.lastAuditAt ? addMonths(input.lastAuditAt, input.everyMonths) : input.since;
  const msLeft = dueAt.getTime() - input.now.getTime();
  const daysLeft = msLeft < 0 ? Math.floor(msLeft / DAY_MS) : Math.ceil(msLeft / DAY_MS);
  const [d60, d30] = REMINDER_DAYS;
  const state: ReauditStateName = msLeft < 0 ? 'overdue' : daysLeft <= d30 ? 'due_30' : daysLeft <= d60 ? 'due_60' : 'ok';
  return { dueAt, state, daysLeft, basis: input.lastAuditAt ? 'last_audit' : 'never_audited' };
}
