// EU VAT identification numbers: a wrapper around npm jsvat 2.5.4 (MIT; regex plus per-country checksum),
// the library standards.md §3.3 recommends. jsvat covers all 27 member states (Greece under the EL prefix);
// it has no XI (Northern Ireland), which this module checks with jsvat's United Kingdom rules, as
// python-stdnum stdnum/gb/vat.py does (it accepts both GB and XI prefixes).
//
// Canonicalisation added on top of jsvat, each from python-stdnum:
// - GR is accepted and written EL; an 8-digit Greek number gets a leading 0 (stdnum/gr/vat.py);
// - a 9-digit Belgian number gets a leading 0 (stdnum/eu/vat.py doctest: BE697449992 → BE0697449992);
// - a Dutch number's RSIN part is zero-padded to 9 digits and the branch suffix B00 is refused
//   (stdnum/nl/btw.py: NL4495445B01 → 004495445B01; suffix must be > 0);
// - French new-style numbers (a letter among the first two characters), which jsvat accepts on format
//   alone, get python-stdnum's check (stdnum/fr/tva.py).
// Not covered (jsvat's limits, kept as they are): Romanian 13-digit personal numbers (CNP) used as VAT
// numbers by individuals, and the UK GD8888/HA8888 EU-format government numbers.
import {
  austria,
  belgium,
  bulgaria,
  checkVAT,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
  unitedKingdom,
  type Country,
} from 'jsvat';
import { compact, type SchemeCheck } from './types.js';

interface VatState {
  name: string;
  rules: Country;
  /** The prefix jsvat expects in front of the number (differs only for XI). */
  jsvatPrefix: string;
}

/** The VAT prefixes of the 27 member states plus XI, as used in VIES. */
export const EU_VAT_PREFIXES: Readonly<Record<string, VatState>> = {
  AT: { name: 'Austria', rules: austria, jsvatPrefix: 'AT' },
  BE: { name: 'Belgium', rules: belgium, jsvatPrefix: 'BE' },
  BG: { name: 'Bulgaria', rules: bulgaria, jsvatPrefix: 'BG' },
  HR: { name: 'Croatia', rules: croatia, jsvatPrefix: 'HR' },
  CY: { name: 'Cyprus', rules: cyprus, jsvatPrefix: 'CY' },
  CZ: { name: 'Czechia', rules: czechRepublic, jsvatPrefix: 'CZ' },
  DK: { name: 'Denmark', rules: denmark, jsvatPrefix: 'DK' },
  EE: { name: 'Estonia', rules: estonia, jsvatPrefix: 'EE' },
  FI: { name: 'Finland', rules: finland, jsvatPrefix: 'FI' },
  FR: { name: 'France', rules: france, jsvatPrefix: 'FR' },
  DE: { name: 'Germany', rules: germany, jsvatPrefix: 'DE' },
  EL: { name: 'Greece', rules: greece, jsvatPrefix: 'EL' },
  HU: { name: 'Hungary', rules: hungary, jsvatPrefix: 'HU' },
  IE: { name: 'Ireland', rules: ireland, jsvatPrefix: 'IE' },
  IT: { name: 'Italy', rules: italy, jsvatPrefix: 'IT' },
  LV: { name: 'Latvia', rules: latvia, jsvatPrefix: 'LV' },
  LT: { name: 'Lithuania', rules: lithuania, jsvatPrefix: 'LT' },
  LU: { name: 'Luxembourg', rules: luxembourg, jsvatPrefix: 'LU' },
  MT: { name: 'Malta', rules: malta, jsvatPrefix: 'MT' },
  NL: { name: 'Netherlands', rules: netherlands, jsvatPrefix: 'NL' },
  PL: { name: 'Poland', rules: poland, jsvatPrefix: 'PL' },
  PT: { name: 'Portugal', rules: portugal, jsvatPrefix: 'PT' },
  RO: { name: 'Romania', rules: romania, jsvatPrefix: 'RO' },
  SK: { name: 'Slovakia', rules: slovakiaRepublic, jsvatPrefix: 'SK' },
  SI: { name: 'Slovenia', rules: slovenia, jsvatPrefix: 'SI' },
  ES: { name: 'Spain', rules: spain, jsvatPrefix: 'ES' },
  SE: { name: 'Sweden', rules: sweden, jsvatPrefix: 'SE' },
  XI: { name: 'Northern Ireland', rules: unitedKingdom, jsvatPrefix: 'GB' },
};

/** Separators people write inside VAT numbers: "BE (0)468.561.072", "DK: 21599336", "CZ 640229/4448". */
const SEPARATORS = '.-/:()';

const FR_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** python-stdnum stdnum/fr/tva.py check for new-style keys (one of the first two characters a letter). */
function frenchNewStyleKeyValid(body: string): boolean {
  const a = FR_ALPHABET.indexOf(body[0]);
  const b = FR_ALPHABET.indexOf(body[1]);
  if (a < 0 || b < 0) return false;
  const check = /[0-9]/.test(body[0]) ? a * 24 + b - 10 : a * 34 + b - 100;
  const siren = Number(body.slice(2));
  return (siren + 1 + Math.floor(check / 11)) % 11 === check % 11;
}

export function checkEuVat(value: string): SchemeCheck {
  let normalized = compact(value, SEPARATORS);
  if (!/^[A-Z]{2}/.test(normalized)) {
    return {
      normalized,
      reason: 'must start with a two-letter country prefix (e.g. DE, FR, EL for Greece, XI for Northern Ireland)',
      checkDigit: true,
    };
  }
  let prefix = normalized.slice(0, 2);
  let body = normalized.slice(2);
  if (prefix === 'GR') prefix = 'EL';
  if (prefix === 'GB') {
    return {
      normalized,
      reason: 'GB VAT numbers are not EU VAT numbers; Northern Ireland traders use the XI prefix',
      checkDigit: true,
    };
  }
  const state = EU_VAT_PREFIXES[prefix];
  if (state === undefined) {
    return {
      normalized,
      reason: `${prefix} is not an EU VAT prefix (use EL for Greece, XI for Northern Ireland)`,
      checkDigit: true,
    };
  }

  if (prefix === 'BE' && /^\d{9}$/.test(body)) body = '0' + body;
  if (prefix === 'EL' && /^\d{8}$/.test(body)) body = '0' + body;
  if (prefix === 'NL') {
    const m = /^(\d{1,9})B(\d{2})$/.exec(body);
    if (m) body = m[1].padStart(9, '0') + 'B' + m[2];
  }
  normalized = prefix + body;
  const hasCheck = !(prefix === 'XI' && /^(GD|HA)\d{3}$/.test(body));
  const fail = (reason: string): SchemeCheck => ({ normalized, reason, checkDigit: hasCheck });
  const label = `${state.name} (${prefix})`;

  const r = checkVAT(state.jsvatPrefix + body, [state.rules]);
  if (!r.isValidFormat) return fail(`does not match the VAT number format of ${label}`);
  if (prefix === 'NL' && body.endsWith('B00')) {
    return fail(`does not match the VAT number format of ${label}: the branch suffix B00 is not issued`);
  }
  if (!r.isValid && !hasCheck) return fail(`not a government-department or health-authority number in use for ${label}`);
  if (!r.isValid) return fail(`check digit mismatch for a VAT number of ${label}`);
  if (prefix === 'FR' && !/^\d{2}/.test(body) && !frenchNewStyleKeyValid(body)) {
    return fail(`check digit mismatch for a VAT number of ${label}`);
  }
  return { normalized, checkDigit: hasCheck };
}
