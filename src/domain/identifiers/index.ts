// Registration identifiers (DESIGN.md phase 1: "company registration with a valid identifier").
// validateIdentifier checks format and, where the scheme has one, the check digit — offline. It never
// says a registry knows the number: that is a separate piece of evidence (a registry extract).
import { checkCnUscc } from './cn-uscc.js';
import { checkDuns } from './duns.js';
import { checkEuVat } from './eu-vat.js';
import { checkGbCrn } from './gb-crn.js';
import { checkLei } from './lei.js';
import { toResult, type IdentifierScheme, type IdentifierValidation, type SchemeCheck } from './types.js';
import { checkUsEin } from './us-ein.js';

export {
  IDENTIFIER_SCHEMES,
  IDENTIFIER_SCHEME_LABELS,
  isIdentifierScheme,
  type IdentifierScheme,
  type IdentifierValidation,
} from './types.js';
export { EU_VAT_PREFIXES } from './eu-vat.js';
export { EIN_PREFIX_CAMPUS, einCampus } from './us-ein.js';
export { GB_CRN_PREFIXES } from './gb-crn.js';

const CHECKS: Readonly<Record<IdentifierScheme, (value: string) => SchemeCheck>> = {
  lei: checkLei,
  'cn-uscc': checkCnUscc,
  'eu-vat': checkEuVat,
  duns: checkDuns,
  'gb-crn': checkGbCrn,
  'us-ein': checkUsEin,
};

export function validateIdentifier(scheme: IdentifierScheme, value: string): IdentifierValidation {
  const check = CHECKS[scheme];
  if (check === undefined) throw new RangeError(`unknown identifier scheme: ${String(scheme)}`);
  return toResult(scheme, value, check(value));
}
