// UK Companies House registration number (CRN): 8 characters, either 8 digits (England & Wales) or a
// prefix naming the register and entity type followed by 6 digits. No check digit exists; validation is
// format plus known prefix.
// Sources: HMRC Company Taxation Manual COM40010 ("up to eight numerals, or two alphabetical characters
// (prefix) followed by up to six alphanumeric characters"); Companies House "Uniform Resource Identifiers
// customer guide" prefix list (as republished by doorda.com, "Company Number Prefixes Defined"); and
// chguide.co.uk "Company numbers", whose pattern was tested against 13.6 million real numbers and shows the
// few forms that end in letters (registered societies, some LLPs, NI/SL numbers ending in A).
// Shorter input is padded with leading zeros ("7592231" → "07592231", "SC34456" → "SC034456").
import { compact, type SchemeCheck } from './types.js';

/** Known prefixes and the register / entity type they stand for. */
export const GB_CRN_PREFIXES: Readonly<Record<string, string>> = {
  AC: 'Assurance company, England & Wales',
  ZC: 'Unregistered company (s.1043), England & Wales',
  FC: 'Overseas company',
  GE: 'European Economic Interest Grouping, England & Wales',
  LP: 'Limited partnership, England & Wales',
  OC: 'Limited liability partnership, England & Wales',
  SE: 'European company (Societas Europaea), England & Wales',
  SA: 'Assurance company, Scotland',
  SZ: 'Unregistered company (s.1043), Scotland',
  SF: 'Overseas company registered in Scotland (before 1 October 2009)',
  GS: 'European Economic Interest Grouping, Scotland',
  SL: 'Limited partnership, Scotland',
  SO: 'Limited liability partnership, Scotland',
  SC: 'Scottish company',
  ES: 'European company (Societas Europaea), Scotland',
  NA: 'Assurance company, Northern Ireland',
  NZ: 'Unregistered company (s.1043), Northern Ireland',
  NF: 'Overseas company registered in Northern Ireland (before 1 October 2009)',
  GN: 'European Economic Interest Grouping, Northern Ireland',
  NL: 'Limited partnership, Northern Ireland',
  NC: 'Limited liability partnership, Northern Ireland',
  R0: 'Northern Ireland company (pre-partition)',
  NI: 'Northern Ireland company (post-partition)',
  EN: 'European company (Societas Europaea), Northern Ireland',
  CE: 'Charitable incorporated organisation',
  CS: 'Scottish charitable incorporated organisation',
  SG: 'Scottish qualifying partnership',
  FE: 'Further education corporation',
  RS: 'Registered society',
  IP: 'Industrial & provident society',
  SP: 'Scottish industrial & provident society',
  IC: 'Investment company with variable capital (ICVC)',
  SI: 'Scottish ICVC',
  NP: 'Northern Ireland industrial & provident society or credit union',
  NV: 'Northern Ireland ICVC',
  RC: 'Royal charter company, England & Wales',
  SR: 'Scottish royal charter company',
  NR: 'Northern Ireland royal charter company',
  NO: 'Northern Ireland credit union / industrial & provident society',
};

/** Real numbers that end in letters (chguide.co.uk, tested against the whole register). */
const LETTER_FORMS: readonly RegExp[] = [
  /^(AC|ZC|FC|GE|LP|OC|SE|SA|SZ|SF|GS|SL|SO|SC|ES|NA|NZ|NF|GN|NL|NC|R0|NI|EN|\d{2}|SG|FE)\d{5}[CR]$/,
  /^(RS|SO)\d{3}(\d{2}[WSRCZF]|\d(FI|RS|SA|IP|US|EN|AS)|CUS)$/,
  /^(NI|SL)\d{5}A$/,
  /^OC([\dP]{5}[CWERTB]|[\dP]{4}(OC|CU))$/,
];

export function checkGbCrn(value: string): SchemeCheck {
  let normalized = compact(value, '-./');
  const fail = (reason: string): SchemeCheck => ({ normalized, reason, checkDigit: false });
  if (normalized.length === 0) return fail('must not be empty');
  if (normalized.length > 8) return fail(`must be 8 characters, got ${normalized.length}`);

  if (/^\d+$/.test(normalized)) {
    normalized = normalized.padStart(8, '0');
    if (/^0+$/.test(normalized)) return fail('00000000 is not a company number');
    return { normalized, checkDigit: false };
  }
  if (normalized.length === 8 && LETTER_FORMS.some((re) => re.test(normalized))) {
    return { normalized, checkDigit: false };
  }
  if (!/^([A-Z]{2}|R0)/.test(normalized)) {
    return fail('must be 8 digits, or a two-letter prefix (e.g. SC, NI, OC) followed by 6 digits');
  }
  const prefix = normalized.slice(0, 2);
  let rest = normalized.slice(2);
  if (GB_CRN_PREFIXES[prefix] === undefined) return fail(`${prefix} is not a Companies House number prefix`);
  if (/^\d{1,6}$/.test(rest)) {
    rest = rest.padStart(6, '0');
    normalized = prefix + rest;
    if (/^0+$/.test(rest)) return fail(`${normalized} is not a company number`);
    return { normalized, checkDigit: false };
  }
  return fail(`after the prefix ${prefix} there must be 6 digits`);
}
