// China Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
// 18 characters: [1] registering authority, [2] entity type, [3–8] region code, [9–17] organisation code
// (GB 11714), [18] check character. Sources: standards.md §3.2; python-stdnum stdnum/cn/uscc.py.
//
// The embedded organisation code (positions 9–17) carries its own GB 11714-1997 check character at
// position 17: weights 3, 7, 9, 10, 5, 8, 4, 2 over positions 9–16 (0–9 → 0–9, A–Z → 10–35),
// c = 11 − (Σ mod 11), with 10 → 'X' and 11 → '0'. standards.md notes python-stdnum does not check it; the
// algorithm is from public GB 11714 implementations and was confirmed locally against the published valid
// codes in python-stdnum tests/test_cn_uscc.doctest (every one tried passes).
import { compact, type SchemeCheck } from './types.js';

/** The 31-character USCC alphabet: 0–9 and A–Z without I, O, S, V, Z (index = value). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for i = 0…16. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ORG_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function usccCheckCharacter(first17: string): string {
  let total = 0;
  for (let i = 0; i < 17; i++) total += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (total % 31)) % 31];
}

/** GB 11714 check character for the 8-character body of an organisation code. */
export function organisationCodeCheckCharacter(body8: string): string {
  let total = 0;
  for (let i = 0; i < 8; i++) total += ORG_VALUES.indexOf(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (total % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function checkCnUscc(value: string): SchemeCheck {
  const normalized = compact(value, '-');
  const fail = (reason: string): SchemeCheck => ({ normalized, reason, checkDigit: true });
  if (normalized.length !== 18) return fail(`must be 18 characters, got ${normalized.length}`);
  if (!/^[0-9]{8}/.test(normalized)) return fail('the first 8 characters must be digits');
  for (let i = 8; i < 18; i++) {
    if (!USCC_ALPHABET.includes(normalized[i])) {
      return fail(
        `character '${normalized[i]}' at position ${i + 1} is not allowed (0-9 and A-Z except I, O, S, V, Z)`,
      );
    }
  }
  const expected = usccCheckCharacter(normalized.slice(0, 17));
  if (normalized[17] !== expected) {
    return fail(`check character mismatch: expected ${expected}, got ${normalized[17]}`);
  }
  const orgExpected = organisationCodeCheckCharacter(normalized.slice(8, 16));
  if (normalized[16] !== orgExpected) {
    return fail(
      `embedded organisation code check character (GB 11714, position 17) mismatch: expected ${orgExpected}, got ${normalized[16]}`,
    );
  }
  return { normalized, checkDigit: true };
}
