// US Employer Identification Number: 9 digits written XX-XXXXXXX, the first two a prefix the IRS assigns
// per campus. No check digit exists, so validation is format plus prefix. Sources: python-stdnum
// stdnum/us/ein.py (format: a dash is allowed only after the second digit) and stdnum/us/ein.dat,
// "manually converted from the IRS website" (How EINs are assigned and valid EIN prefixes).
import type { SchemeCheck } from './types.js';

/** Valid prefixes and the IRS campus that issues them (stdnum/us/ein.dat). */
export const EIN_PREFIX_CAMPUS: Readonly<Record<string, string>> = buildCampusTable({
  Brookhaven: '01,02,03,04,05,06,11,13,14,16,21,22,23,25,34,51,52,54,55,56,57,58,59,65',
  Andover: '10,12',
  Fresno: '15,24',
  Internet: '20,26,27,45,46,47,81',
  Cincinnati: '30,32,35,36,37,38,61',
  'Small Business Administration (SBA)': '31',
  Philadelphia: '33,39,41,42,43,48,62,63,64,66,68,71,72,73,74,75,76,77,82,83,84,85,86,87,88,91,92,93,98,99',
  'Kansas City': '40,44',
  Austin: '50,53',
  Atlanta: '60,67',
  Ogden: '80,90',
  Memphis: '94,95',
});

function buildCampusTable(byCampus: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [campus, list] of Object.entries(byCampus)) for (const p of list.split(',')) out[p] = campus;
  return out;
}

export function einCampus(normalized: string): string | undefined {
  return EIN_PREFIX_CAMPUS[normalized.slice(0, 2)];
}

export function checkUsEin(value: string): SchemeCheck {
  const trimmed = value.trim();
  const normalized = trimmed.replace(/-/g, '');
  const fail = (reason: string): SchemeCheck => ({ normalized, reason, checkDigit: false });
  if (!/^\d{2}-?\d{7}$/.test(trimmed)) {
    if (/^\d+$/.test(normalized) && normalized.length !== 9) return fail(`must be 9 digits, got ${normalized.length}`);
    return fail('must be 9 digits written XX-XXXXXXX (a dash only after the second digit)');
  }
  if (einCampus(normalized) === undefined) {
    return fail(`prefix ${normalized.slice(0, 2)} is not a prefix the IRS assigns`);
  }
  return { normalized, checkDigit: false };
}
