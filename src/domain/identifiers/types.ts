// Registration identifiers: the shared result shape and the scheme vocabulary.
// Pure data, no I/O. A valid result means "well formed and, where the scheme has one, the check digit
// matches" — never that a registry has confirmed the number exists.

export const IDENTIFIER_SCHEMES = ['lei', 'cn-uscc', 'eu-vat', 'duns', 'gb-crn', 'us-ein'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export const IDENTIFIER_SCHEME_LABELS: Readonly<Record<IdentifierScheme, string>> = {
  lei: 'Legal Entity Identifier (LEI, ISO 17442)',
  'cn-uscc': 'China Unified Social Credit Code (USCC, GB 32100-2015)',
  'eu-vat': 'EU VAT identification number (27 member states and XI Northern Ireland)',
  duns: 'D-U-N-S Number (Dun & Bradstreet)',
  'gb-crn': 'UK Companies House registration number',
  'us-ein': 'US Employer Identification Number (EIN)',
};

export function isIdentifierScheme(s: string): s is IdentifierScheme {
  return (IDENTIFIER_SCHEMES as readonly string[]).includes(s);
}

export interface IdentifierValidation {
  scheme: IdentifierScheme;
  /** The input exactly as given. */
  value: string;
  /** Canonical form: upper case, no separators (eu-vat keeps its country prefix). Best effort when invalid. */
  normalized: string;
  valid: boolean;
  /** A short English sentence; present only when `valid` is false. */
  reason?: string;
  /**
   * True when the scheme (for this number) carries a check digit and it was verified (or, when invalid,
   * would have been). False when only the format can be checked offline (D-U-N-S, UK company numbers,
   * US EINs, UK government-department VAT numbers).
   */
  checkDigit: boolean;
}

/** What one scheme's validator returns; `validateIdentifier` adds scheme and value. */
export interface SchemeCheck {
  normalized: string;
  reason?: string;
  checkDigit: boolean;
}

export function toResult(scheme: IdentifierScheme, value: string, check: SchemeCheck): IdentifierValidation {
  const out: IdentifierValidation = {
    scheme,
    value,
    normalized: check.normalized,
    valid: check.reason === undefined,
    checkDigit: check.checkDigit,
  };
  if (check.reason !== undefined) out.reason = check.reason;
  return out;
}

/** Upper-cases and removes whitespace plus the given separator characters. */
export function compact(value: string, separators: string): string {
  let out = '';
  for (const ch of value.toUpperCase()) {
    if (/\s/.test(ch) || separators.includes(ch)) continue;
    out += ch;
  }
  return out;
}
