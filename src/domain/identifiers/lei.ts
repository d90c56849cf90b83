// LEI — ISO 17442: 18 alphanumerics (4-char LOU prefix + 14-char entity part) and 2 check digits,
// ISO 7064 MOD 97-10. Source: standards.md §3.1; python-stdnum stdnum/lei.py.
import { mod97, mod97CheckDigits } from './iso7064.js';
import { compact, type SchemeCheck } from './types.js';

export function checkLei(value: string): SchemeCheck {
  const normalized = compact(value, '-');
  const fail = (reason: string): SchemeCheck => ({ normalized, reason, checkDigit: true });
  if (normalized.length !== 20) return fail(`must be 20 characters, got ${normalized.length}`);
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(normalized)) {
    return fail('must be 18 letters or digits followed by 2 check digits');
  }
  if (mod97(normalized) !== 1) {
    const expected = mod97CheckDigits(normalized.slice(0, 18));
    return fail(`check digits mismatch: expected ${expected}, got ${normalized.slice(18)}`);
  }
  return { normalized, checkDigit: true };
}
