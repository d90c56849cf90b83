// D-U-N-S Number (Dun & Bradstreet): 9 digits, often written with dashes (15-048-3782).
// There is no published check digit: D&B discontinued the mod-10 check digit around December 2006
// (Wikipedia, "Data Universal Numbering System", Details), so numbers issued since need not satisfy it.
// Validation is therefore format only, and the result says so with checkDigit: false.
import { compact, type SchemeCheck } from './types.js';

/** All-zero and all-nine values are placeholders, never a real entity (1001ferramentas D-U-N-S validator). */
const PLACEHOLDERS = new Set(['000000000', '999999999']);

export function checkDuns(value: string): SchemeCheck {
  const normalized = compact(value, '-.');
  const fail = (reason: string): SchemeCheck => ({ normalized, reason, checkDigit: false });
  if (!/^\d+$/.test(normalized)) return fail('must contain only digits (dashes and spaces are ignored)');
  if (normalized.length !== 9) return fail(`must be 9 digits, got ${normalized.length}`);
  if (PLACEHOLDERS.has(normalized)) return fail(`${normalized} is a placeholder, not an assigned D-U-N-S Number`);
  return { normalized, checkDigit: false };
}
