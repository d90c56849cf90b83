import { describe, expect, it } from 'vitest';
import { EU_VAT_PREFIXES, validateIdentifier } from './index.js';

const STDNUM = 'python-stdnum tests/test_eu_vat.doctest';

// One or more published valid numbers per member state, plus XI.
const VALID: { value: string; normalized: string; source: string }[] = [
  { value: 'ATU 57194903', normalized: 'ATU57194903', source: 'python-stdnum stdnum/eu/vat.py doctest' },
  { value: 'ATU13585627', normalized: 'ATU13585627', source: STDNUM },
  { value: 'BE697449992', normalized: 'BE0697449992', source: 'python-stdnum stdnum/eu/vat.py doctest (leading 0 added)' },
  { value: 'BE0411905847', normalized: 'BE0411905847', source: 'jsvat README' },
  { value: 'BE (0)468.561.072', normalized: 'BE0468561072', source: STDNUM },
  { value: 'BG 124 551 319', normalized: 'BG124551319', source: STDNUM },
  { value: 'BG7523169263', normalized: 'BG7523169263', source: STDNUM },
  { value: 'HR 33392005961', normalized: 'HR33392005961', source: 'python-stdnum stdnum/hr/oib.py doctest' },
  { value: 'CY-10008489 A', normalized: 'CY10008489A', source: STDNUM },
  { value: 'CZ 640229/4448', normalized: 'CZ6402294448', source: STDNUM },
  { value: 'CZ00023205', normalized: 'CZ00023205', source: STDNUM },
  { value: 'DK: 21599336', normalized: 'DK21599336', source: STDNUM },
  { value: 'EE 100 931 558', normalized: 'EE100931558', source: STDNUM },
  { value: 'FI 0982651-1', normalized: 'FI09826511', source: STDNUM },
  { value: 'FR 61 954 506 077', normalized: 'FR61954506077', source: 'python-stdnum stdnum/eu/vat.py doctest' },
  { value: 'FR K 7399859412', normalized: 'FRK7399859412', source: `${STDNUM} (new-style key)` },
  { value: 'FR4Z123456782', normalized: 'FR4Z123456782', source: 'python-stdnum stdnum/fr/tva.py doctest (new-style key)' },
  { value: 'DE 813 11 38 75', normalized: 'DE813113875', source: STDNUM },
  { value: 'DE136308783', normalized: 'DE136308783', source: STDNUM },
  { value: 'EL: 094279805', normalized: 'EL094279805', source: STDNUM },
  { value: 'El 800 179 925', normalized: 'EL800179925', source: STDNUM },
  { value: 'GR 094259216', normalized: 'EL094259216', source: 'python-stdnum stdnum/gr/vat.py doctest (GR accepted, written EL)' },
  { value: 'EL 94051189', normalized: 'EL094051189', source: `${STDNUM} (old 8-digit form, 0 added per stdnum/gr/vat.py)` },
  { value: 'HU-12892312', normalized: 'HU12892312', source: STDNUM },
  { value: 'IE 632 3420 C', normalized: 'IE6323420C', source: STDNUM },
  { value: 'IE9Y71814N', normalized: 'IE9Y71814N', source: STDNUM },
  { value: 'IE6433435IH', normalized: 'IE6433435IH', source: STDNUM },
  { value: 'IT 00 595 000 217', normalized: 'IT00595000217', source: STDNUM },
  { value: 'LV 4000 3521 600', normalized: 'LV40003521600', source: STDNUM },
  { value: 'LT 119511515', normalized: 'LT119511515', source: STDNUM },
  { value: 'LT100001354118', normalized: 'LT100001354118', source: STDNUM },
  { value: 'LU.248.70.640', normalized: 'LU24870640', source: STDNUM },
  { value: 'MT 1039-6417', normalized: 'MT10396417', source: STDNUM },
  { value: 'NL.0094.10.806.B.01', normalized: 'NL009410806B01', source: STDNUM },
  { value: 'NL4495445B01', normalized: 'NL004495445B01', source: 'python-stdnum stdnum/nl/btw.py doctest (zero-padded)' },
  { value: 'NL001162938B28', normalized: 'NL001162938B28', source: STDNUM },
  { value: 'PL 584-030-44-72', normalized: 'PL5840304472', source: STDNUM },
  { value: 'PT 500135.495', normalized: 'PT500135495', source: STDNUM },
  { value: 'RO 1822964', normalized: 'RO1822964', source: STDNUM },
  { value: 'Ro 15071875', normalized: 'RO15071875', source: STDNUM },
  { value: 'SK 2020 237 945', normalized: 'SK2020237945', source: STDNUM },
  { value: 'SI-83815201', normalized: 'SI83815201', source: STDNUM },
  { value: 'ES-x-2482300w', normalized: 'ESX2482300W', source: STDNUM },
  { value: 'ES A-28184661', normalized: 'ESA28184661', source: STDNUM },
  { value: 'SE 556.383.740.901', normalized: 'SE556383740901', source: STDNUM },
  { value: 'XI 980 7806 84', normalized: 'XI980780684', source: 'python-stdnum stdnum/gb/vat.py doctest GB 980 7806 84 (XI uses GB rules)' },
  { value: 'XI242338087388', normalized: 'XI242338087388', source: 'python-stdnum tests/test_gb_vat.doctest (branch trader)' },
  { value: 'xi 100190874', normalized: 'XI100190874', source: 'python-stdnum tests/test_gb_vat.doctest (restarting series)' },
];

const INVALID: { value: string; reason: string | RegExp; source: string }[] = [
  // check digit mangled (InvalidChecksum in stdnum)
  { value: 'ATU 143 43 102', reason: 'check digit mismatch for a VAT number of Austria (AT)', source: STDNUM },
  { value: 'BE697449982', reason: 'check digit mismatch for a VAT number of Belgium (BE)', source: STDNUM },
  { value: 'BE0897221791', reason: /^check digit mismatch .*Belgium/, source: 'jsvat README (valid format, invalid checksum)' },
  { value: 'BG 131 172 009', reason: /^check digit mismatch .*Bulgaria/, source: STDNUM },
  { value: 'HR 33392005962', reason: /^check digit mismatch .*Croatia/, source: 'python-stdnum stdnum/hr/oib.py doctest' },
  { value: 'CY 10246672F', reason: /^check digit mismatch .*Cyprus/, source: STDNUM },
  { value: 'CZ 25557481', reason: /^check digit mismatch .*Czechia/, source: STDNUM },
  { value: 'DE 125014855', reason: /^check digit mismatch .*Germany/, source: STDNUM },
  { value: 'DK 2565 2202', reason: /^check digit mismatch .*Denmark/, source: STDNUM },
  { value: 'EE101256754', reason: /^check digit mismatch .*Estonia/, source: STDNUM },
  { value: 'ES 54362415K', reason: /^check digit mismatch .*Spain/, source: STDNUM },
  { value: 'EL 094013834', reason: 'check digit mismatch for a VAT number of Greece (EL)', source: STDNUM },
  { value: 'FR 04409414264', reason: /^check digit mismatch .*France/, source: STDNUM },
  { value: 'FR L 7399859412', reason: /^check digit mismatch .*France/, source: `${STDNUM} (new-style key; jsvat alone accepts it)` },
  { value: 'IE 4731823H', reason: /^check digit mismatch .*Ireland/, source: STDNUM },
  { value: 'IT 00687129980', reason: /^check digit mismatch .*Italy/, source: STDNUM },
  { value: 'LV 90000528022', reason: /^check digit mismatch .*Latvia/, source: STDNUM },
  { value: 'LT 100001509922', reason: /^check digit mismatch .*Lithuania/, source: STDNUM },
  { value: 'SK 1078449164', reason: /^check digit mismatch .*Slovakia/, source: STDNUM },
  { value: 'XI 802311781', reason: 'check digit mismatch for a VAT number of Northern Ireland (XI)', source: 'python-stdnum tests/test_gb_vat.doctest' },
  // format
  { value: 'AT1 142 43 102', reason: 'does not match the VAT number format of Austria (AT)', source: STDNUM },
  { value: 'BE 02A2.239.951', reason: /^does not match the VAT number format of Belgium/, source: STDNUM },
  { value: 'BE 0220,764.971', reason: /^does not match the VAT number format of Belgium/, source: `${STDNUM} (comma is not a separator)` },
  { value: 'DE 011125440', reason: /^does not match the VAT number format of Germany/, source: STDNUM },
  { value: 'NL 001241643801', reason: /^does not match the VAT number format of Netherlands/, source: STDNUM },
  {
    value: 'NL 009122746B00',
    reason: 'does not match the VAT number format of Netherlands (NL): the branch suffix B00 is not issued',
    source: `${STDNUM}; python-stdnum stdnum/nl/btw.py (suffix must be > 0)`,
  },
  { value: 'ATU 151592092', reason: /^does not match the VAT number format of Austria/, source: `${STDNUM} (InvalidLength)` },
  { value: 'SE 55643359201', reason: /^does not match the VAT number format of Sweden/, source: `${STDNUM} (InvalidLength)` },
  { value: 'FRIO334175221', reason: /^does not match the VAT number format of France/, source: 'python-stdnum stdnum/fr/tva.py doctest (I and O not used)' },
  // prefix
  { value: 'QQ 124567', reason: 'QQ is not an EU VAT prefix (use EL for Greece, XI for Northern Ireland)', source: STDNUM },
  { value: 'CHE-116.281.710 MWST', reason: /^CH is not an EU VAT prefix/, source: 'standards.md §3.3: CH is non-EU (jsvat supports it, this scheme does not)' },
  { value: 'GB 980 7806 84', reason: 'GB VAT numbers are not EU VAT numbers; Northern Ireland traders use the XI prefix', source: 'python-stdnum stdnum/gb/vat.py doctest number with GB prefix' },
  { value: '123456789', reason: /^must start with a two-letter country prefix/, source: 'no prefix' },
  { value: '', reason: /^must start with a two-letter country prefix/, source: 'empty input' },
];

describe('eu-vat (jsvat 2.5.4 wrapped)', () => {
  it.each(VALID)('valid: $value → $normalized ($source)', ({ value, normalized }) => {
    const r = validateIdentifier('eu-vat', value);
    expect(r).toEqual({ scheme: 'eu-vat', value, normalized, valid: true, checkDigit: true });
  });

  it.each(INVALID)('invalid: $value ($source)', ({ value, reason }) => {
    const r = validateIdentifier('eu-vat', value);
    expect(r.valid).toBe(false);
    if (reason instanceof RegExp) expect(r.reason).toMatch(reason);
    else expect(r.reason).toBe(reason);
  });

  it('covers the 27 member states and XI', () => {
    const prefixes = Object.keys(EU_VAT_PREFIXES).sort();
    expect(prefixes).toEqual(
      [
        'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT',
        'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI',
      ].sort(),
    );
    const tested = new Set(VALID.map((v) => v.normalized.slice(0, 2)));
    for (const p of prefixes) expect(tested.has(p), `a valid example for ${p}`).toBe(true);
  });

  it('UK government departments under XI are format-only (no check digit)', () => {
    // python-stdnum tests/test_gb_vat.doctest: GD100 government department, HA501 health authority
    expect(validateIdentifier('eu-vat', 'XIGD100')).toMatchObject({ valid: true, checkDigit: false });
    expect(validateIdentifier('eu-vat', 'XIHA501')).toMatchObject({ valid: true, checkDigit: false });
    expect(validateIdentifier('eu-vat', 'XIGD600')).toMatchObject({
      valid: false,
      checkDigit: false,
      reason: 'not a government-department or health-authority number in use for Northern Ireland (XI)',
    });
  });
});
