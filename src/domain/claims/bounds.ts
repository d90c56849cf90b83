// What a claim's numbers may be. A claim drives readiness and the visit advisor ("large claimed capacity"), so a
// capacity of −100 pcs a month, or of 10¹⁵ with a stated limit of 5, must be refused with a reason rather than
// believed. Bounds are generous (a fastener plant makes hundreds of millions of parts a month): they catch typing
// slips and nonsense, not ambitious suppliers.
import type { ClaimPeriod } from '../periods.js';
import type { ClaimType } from '../model.js';

/** Most a claim may state per period; beyond it the value is taken for a typing slip. */
export const MAX_CAPACITY: Record<ClaimPeriod, number> = { day: 50_000_000, week: 250_000_000, month: 1_000_000_000, quarter: 3_000_000_000, year: 12_000_000_000 };
/** Lead time, in any unit a supplier writes (days or weeks): ten years of days is beyond any quotation. */
export const MAX_LEAD_TIME = 3_650;
export const MAX_MOQ = 1_000_000_000;
/** Cp/Cpk above 10 means a tolerance a hundred times the spread: a unit slip, not a process. */
export const MAX_CAPABILITY_INDEX = 10;
export const LIMIT_NOTE_ATTRIBUTE = 'limitNote';

export interface ClaimNumbers {
  type: ClaimType;
  value?: number | null;
  period?: ClaimPeriod | null;
  statedLimit?: number | null;
  attributes?: Record<string, string>;
}

export interface ClaimBoundIssue {
  path: 'value' | 'statedLimit' | 'attributes.limitNote';
  code: 'not_positive' | 'implausible' | 'limit_below_claim';
  params: Record<string, number | string>;
  message: string;
}

function maxFor(c: ClaimNumbers): number | null {
  switch (c.type) {
    case 'capacity':
      return MAX_CAPACITY[c.period ?? 'month'];
    case 'lead_time':
      return MAX_LEAD_TIME;
    case 'moq':
      return MAX_MOQ;
    case 'process_capability':
      return MAX_CAPABILITY_INDEX;
    default:
      return null;
  }
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/**
 * Issues with a claim's value and stated limit: positive, below the plausible maximum of its type, and a stated
 * limit (the most the line can make) not below the claimed capacity unless the claim says why (attribute
 * `limitNote`, e.g. "the limit is the anodising partner's, the claim the machining's").
 */
export function claimBoundIssues(c: ClaimNumbers): ClaimBoundIssue[] {
  const issues: ClaimBoundIssue[] = [];
  const max = maxFor(c);
  const numeric = max !== null;
  const check = (path: 'value' | 'statedLimit', v: number | null | undefined) => {
    if (v == null) return;
    if (numeric && !(v > 0)) issues.push({ path, code: 'not_positive', params: { value: v }, message: `must be greater than 0 (got ${fmt(v)})` });
    else if (max !== null && v > max) {
      issues.push({ path, code: 'implausible', params: { value: v, max, ...(c.type === 'capacity' ? { period: c.period ?? 'month' } : {}) }, message: `${fmt(v)} is beyond any plausible ${c.type.replace(/_/g, ' ')} (at most ${fmt(max)}); check the number and its unit` });
    }
  };
  check('value', c.value);
  if (c.type === 'capacity') check('statedLimit', c.statedLimit);
  else if (c.statedLimit != null && !(c.statedLimit >= 0)) issues.push({ path: 'statedLimit', code: 'not_positive', params: { value: c.statedLimit }, message: 'must not be negative' });
  const note = c.attributes?.[LIMIT_NOTE_ATTRIBUTE]?.trim();
  if (c.type === 'capacity' && issues.length === 0 && c.value != null && c.statedLimit != null && c.statedLimit < c.value && !note) {
    issues.push({
      path: 'statedLimit',
      code: 'limit_below_claim',
      params: { value: c.value, limit: c.statedLimit },
      message: `the stated limit (${fmt(c.statedLimit)}) is below the claimed capacity (${fmt(c.value)}): raise it, or say why in attributes.${LIMIT_NOTE_ATTRIBUTE}`,
    });
  }
  return issues;
}
