import { describe, expect, it } from 'vitest';
import {
  EIN_PREFIX_CAMPUS,
  IDENTIFIER_SCHEMES,
  IDENTIFIER_SCHEME_LABELS,
  isIdentifierScheme,
  validateIdentifier,
  type IdentifierScheme,
} from './index.js';

interface Row {
  value: string;
  normalized?: string;
  reason?: string | RegExp;
  source: string;
}

function expectValid(scheme: IdentifierScheme, row: Row): void {
  const r = validateIdentifier(scheme, row.value);
  expect(r, row.source).toMatchObject({ scheme, value: row.value, valid: true });
  expect(r.reason).toBeUndefined();
  if (row.normalized !== undefined) expect(r.normalized).toBe(row.normalized);
}

function expectInvalid(scheme: IdentifierScheme, row: Row): void {
  const r = validateIdentifier(scheme, row.value);
  expect(r, row.source).toMatchObject({ scheme, value: row.value, valid: false });
  expect(typeof r.reason).toBe('string');
  if (row.reason instanceof RegExp) expect(r.reason).toMatch(row.reason);
  else if (row.reason !== undefined) expect(r.reason).toBe(row.reason);
}

describe('scheme vocabulary', () => {
  it('lists the six schemes in order, each with a label', () => {
    expect(IDENTIFIER_SCHEMES).toEqual(['lei', 'cn-uscc', 'eu-vat', 'duns', 'gb-crn', 'us-ein']);
    for (const s of IDENTIFIER_SCHEMES) expect(IDENTIFIER_SCHEME_LABELS[s].length).toBeGreaterThan(5);
  });
  it.each([
    ['lei', true],
    ['eu-vat', true],
    ['iban', false],
    ['LEI', false],
  ])('isIdentifierScheme(%s) = %s', (s, expected) => {
    expect(isIdentifierScheme(s)).toBe(expected);
  });
});

describe('lei', () => {
  const valid: Row[] = [
    { value: '213800KUD8LAJWSQ9D15', source: 'python-stdnum stdnum/lei.py doctest' },
    { value: '5493001KJTIIGC8Y1R12', source: 'Bonafide brief example; check digits recomputed (not looked up at GLEIF)' },
    { value: '2138001CY61HDFJ5ZA27', source: 'python-stdnum tests/test_lei.doctest' },
    { value: '529900TODVLNUTNSYF94', source: 'python-stdnum tests/test_lei.doctest' },
    { value: '815600065E4EA9D08446', source: 'python-stdnum tests/test_lei.doctest' },
    { value: 'XNIO7KHWR2WD0BP1F484', source: 'python-stdnum tests/test_lei.doctest' },
    { value: '0YPKKE5F0QW6RC51HE09', source: 'python-stdnum tests/test_lei.doctest (check digits 09)' },
    {
      value: ' 2138 00kl hg79 rr4r vr16 ',
      normalized: '213800KLHG79RR4RVR16',
      source: 'python-stdnum tests/test_lei.doctest 213800KLHG79RR4RVR16, spaced and lower case (stdnum compact)',
    },
    { value: '2138-00DI-H9U9-264U-W504', normalized: '213800DIH9U9264UW504', source: 'python-stdnum tests/test_lei.doctest, dashes' },
  ];
  const invalid: Row[] = [
    {
      value: '213800KUD8LXJWSQ9D15',
      reason: 'check digits mismatch: expected 58, got 15',
      source: 'python-stdnum stdnum/lei.py doctest (InvalidChecksum)',
    },
    { value: '213800KUD8LAJWSQ9D16', reason: /^check digits mismatch: expected 15, got 16$/, source: 'stdnum lei.py doctest LEI, last digit changed' },
    { value: '529900TODVLNUTNSFY94', reason: /^check digits mismatch/, source: 'stdnum test_lei.doctest 529900TODVLNUTNSYF94, YF transposed' },
    { value: '213800KUD8LAJWSQ9D1', reason: 'must be 20 characters, got 19', source: 'stdnum lei.py doctest LEI, truncated' },
    { value: '213800KUD8LAJWSQ9D155', reason: 'must be 20 characters, got 21', source: 'stdnum lei.py doctest LEI, extra digit' },
    {
      value: '213800KUD8LAJWSQ9DA5',
      reason: 'must be 18 letters or digits followed by 2 check digits',
      source: 'standards.md §3.1 format ^[A-Z0-9]{18}[0-9]{2}$ (letter in check digits)',
    },
    { value: '213800KUD8LAJ_SQ9D15', reason: /^must be 18 letters/, source: 'standards.md §3.1 format (underscore)' },
    { value: '', reason: 'must be 20 characters, got 0', source: 'empty input' },
  ];
  it.each(valid)('valid: $value ($source)', (row) => expectValid('lei', row));
  it.each(invalid)('invalid: $value ($source)', (row) => expectInvalid('lei', row));
  it('always reports a check digit', () => {
    expect(validateIdentifier('lei', '213800KUD8LAJWSQ9D15').checkDigit).toBe(true);
  });
});

describe('cn-uscc', () => {
  const valid: Row[] = [
    { value: '91110000600037341L', source: 'python-stdnum stdnum/cn/uscc.py doctest' },
    { value: '91 110000 600037341L', normalized: '91110000600037341L', source: 'python-stdnum tests/test_cn_uscc.doctest (spaces)' },
    { value: '121200004013590816', source: 'python-stdnum tests/test_cn_uscc.doctest' },
    { value: '91310115MA1K3BTP2B', source: 'python-stdnum tests/test_cn_uscc.doctest (MA organisation code)' },
    { value: '9144030071526726XG', source: 'python-stdnum tests/test_cn_uscc.doctest (X organisation check)' },
    { value: '91620105L015101280', source: 'python-stdnum tests/test_cn_uscc.doctest' },
    { value: '92340621MA2UK3PJXE', source: 'python-stdnum tests/test_cn_uscc.doctest (individual business, type 92)' },
    { value: '91340600ma2pbm9hxd', normalized: '91340600MA2PBM9HXD', source: 'python-stdnum tests/test_cn_uscc.doctest, lower case' },
  ];
  const invalid: Row[] = [
    { value: '12345', reason: 'must be 18 characters, got 5', source: 'python-stdnum tests/test_cn_uscc.doctest (InvalidLength)' },
    { value: 'A1110000600037341L', reason: 'the first 8 characters must be digits', source: 'python-stdnum tests/test_cn_uscc.doctest (InvalidFormat)' },
    {
      value: '9111000060003IOZSV',
      reason: "character 'I' at position 14 is not allowed (0-9 and A-Z except I, O, S, V, Z)",
      source: 'python-stdnum tests/test_cn_uscc.doctest (InvalidFormat)',
    },
    {
      value: '91110000600037341N',
      reason: 'check character mismatch: expected L, got N',
      source: 'python-stdnum tests/test_cn_uscc.doctest (InvalidChecksum)',
    },
    { value: '91310115MA1K3BTP2C', reason: 'check character mismatch: expected B, got C', source: 'stdnum test_cn_uscc.doctest code, last character changed' },
    {
      value: '91110000600037342P',
      reason: 'embedded organisation code check character (GB 11714, position 17) mismatch: expected 1, got 2',
      source: 'constructed from 91110000600037341L: organisation check changed to 2, USCC check recomputed',
    },
    {
      value: '91310115MA1K3BTP18',
      reason: /GB 11714, position 17\) mismatch: expected 2, got 1$/,
      source: 'constructed from 91310115MA1K3BTP2B: organisation check changed to 1, USCC check recomputed',
    },
    { value: '91110000600037341L1', reason: 'must be 18 characters, got 19', source: 'stdnum uscc.py doctest code with a character added' },
  ];
  it.each(valid)('valid: $value ($source)', (row) => expectValid('cn-uscc', row));
  it.each(invalid)('invalid: $value ($source)', (row) => expectInvalid('cn-uscc', row));
});

describe('duns (format only: no published check digit)', () => {
  const valid: Row[] = [
    { value: '15-048-3782', normalized: '150483782', source: 'Wikipedia "Data Universal Numbering System" (dashed form)' },
    { value: '150483782', normalized: '150483782', source: 'Wikipedia "Data Universal Numbering System" (undashed form)' },
    { value: '00-627-3905', normalized: '006273905', source: '1001ferramentas D-U-N-S format validator example' },
    { value: ' 15 048 3782 ', normalized: '150483782', source: 'Wikipedia example with spaces' },
    { value: '15.048.3782', normalized: '150483782', source: 'Wikipedia example with dots' },
  ];
  const invalid: Row[] = [
    { value: '15-048-378', reason: 'must be 9 digits, got 8', source: 'Wikipedia example, a digit dropped' },
    { value: '15-048-37821', reason: 'must be 9 digits, got 10', source: 'Wikipedia example, a digit added' },
    { value: '150483782ABCD', reason: /^must contain only digits/, source: 'Wikipedia: DUNS+4 suffix is not part of the D-U-N-S Number' },
    { value: '15O483782', reason: /^must contain only digits/, source: 'letter O for zero' },
    { value: '000000000', reason: '000000000 is a placeholder, not an assigned D-U-N-S Number', source: '1001ferramentas: reserved placeholder' },
    { value: '999999999', reason: /placeholder/, source: '1001ferramentas: reserved placeholder' },
    { value: '', reason: /^must contain only digits/, source: 'empty input' },
  ];
  it.each(valid)('valid: $value ($source)', (row) => expectValid('duns', row));
  it.each(invalid)('invalid: $value ($source)', (row) => expectInvalid('duns', row));
  it('says no check digit was verified', () => {
    expect(validateIdentifier('duns', '150483782').checkDigit).toBe(false);
    expect(validateIdentifier('duns', '1504837').checkDigit).toBe(false);
  });
});

describe('gb-crn (format and prefix; no check digit)', () => {
  const valid: Row[] = [
    { value: '08407369', normalized: '08407369', source: 'conciseaccountancy.com: England & Wales company, no prefix' },
    { value: '7592231', normalized: '07592231', source: 'chguide.co.uk: leading zeros are sometimes omitted; padded' },
    { value: '1', normalized: '00000001', source: 'Companies House first number 00000001, padded' },
    { value: 'SC234456', normalized: 'SC234456', source: 'conciseaccountancy.com: XYREX LIMITED, Scottish company' },
    { value: 'sc 234456', normalized: 'SC234456', source: 'same, lower case with a space' },
    { value: 'NI012345', source: 'Companies House URI guide prefix NI (Northern Ireland company)' },
    { value: 'OC123456', source: 'Companies House URI guide prefix OC (LLP, England & Wales)' },
    { value: 'R0001234', source: 'Companies House URI guide prefix R0 (Northern Ireland pre-partition)' },
    { value: 'FC012345', source: 'Companies House URI guide prefix FC (overseas company)' },
    { value: 'IP012345', source: 'Companies House URI guide prefix IP (industrial & provident)' },
    { value: 'SC34456', normalized: 'SC034456', source: 'HMRC COM40010: prefix followed by up to six characters; padded to 8' },
    { value: 'RS007133', source: 'chguide.co.uk pattern (RS|SO)\\d{3}\\d{3}' },
    { value: 'NI01234A', source: 'chguide.co.uk pattern (NI|SL)\\d{5}A' },
    { value: 'OC30211C', source: 'chguide.co.uk pattern OC[\\dP]{5}[CWERTB]' },
  ];
  const invalid: Row[] = [
    { value: 'XX123456', reason: 'XX is not a Companies House number prefix', source: 'HMRC COM40010 format; XX not in the Companies House prefix list' },
    { value: '123456789', reason: 'must be 8 characters, got 9', source: 'HMRC COM40010: up to eight numerals' },
    { value: 'SC1234567', reason: 'must be 8 characters, got 9', source: 'HMRC COM40010: prefix + up to six' },
    { value: 'SC12345A', reason: 'after the prefix SC there must be 6 digits', source: 'chguide.co.uk: SC numbers end in 6 digits (or C/R)' },
    { value: 'S1234567', reason: /^must be 8 digits, or a two-letter prefix/, source: 'HMRC COM40010: prefix is two letters' },
    { value: '00000000', reason: '00000000 is not a company number', source: 'Companies House numbering starts at 00000001' },
    { value: '', reason: 'must not be empty', source: 'empty input' },
  ];
  it.each(valid)('valid: $value ($source)', (row) => expectValid('gb-crn', row));
  it.each(invalid)('invalid: $value ($source)', (row) => expectInvalid('gb-crn', row));
  it('says no check digit was verified', () => {
    expect(validateIdentifier('gb-crn', 'SC234456').checkDigit).toBe(false);
  });
});

describe('us-ein (format and IRS campus prefix; no check digit)', () => {
  const valid: Row[] = [
    { value: '91-1144442', normalized: '911144442', source: 'python-stdnum stdnum/us/ein.py doctest' },
    { value: '04-2103594', normalized: '042103594', source: 'python-stdnum stdnum/us/ein.py doctest (Brookhaven)' },
    { value: '042103594', normalized: '042103594', source: 'python-stdnum stdnum/us/ein.py doctest (format)' },
    { value: ' 31-2345678 ', normalized: '312345678', source: 'stdnum us/ein.dat prefix 31 (SBA); surrounding spaces trimmed' },
    { value: '20-1234567', normalized: '201234567', source: 'stdnum us/ein.dat prefix 20 (Internet)' },
    { value: '99-1234567', normalized: '991234567', source: 'stdnum us/ein.dat prefix 99 (Philadelphia)' },
  ];
  const invalid: Row[] = [
    { value: '07-1144442', reason: 'prefix 07 is not a prefix the IRS assigns', source: 'python-stdnum stdnum/us/ein.py doctest (wrong prefix)' },
    {
      value: '911-14-4442',
      reason: 'must be 9 digits written XX-XXXXXXX (a dash only after the second digit)',
      source: 'python-stdnum stdnum/us/ein.py doctest (dash in the wrong place)',
    },
    { value: '91-114444', reason: 'must be 9 digits, got 8', source: 'stdnum doctest EIN, a digit dropped' },
    { value: '91-11444420', reason: /^must be 9 digits/, source: 'stdnum doctest EIN, a digit added' },
    { value: '00-1234567', reason: 'prefix 00 is not a prefix the IRS assigns', source: 'stdnum us/ein.dat (00 not listed)' },
    { value: '9A-1144442', reason: /^must be 9 digits written/, source: 'letter in the prefix' },
  ];
  it.each(valid)('valid: $value ($source)', (row) => expectValid('us-ein', row));
  it.each(invalid)('invalid: $value ($source)', (row) => expectInvalid('us-ein', row));

  // The IRS list (stdnum/us/ein.dat) leaves exactly these prefixes unassigned.
  const UNASSIGNED = ['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97'];
  it.each(UNASSIGNED)('prefix %s is refused (stdnum us/ein.dat)', (p) => {
    expect(validateIdentifier('us-ein', `${p}-1234567`).valid).toBe(false);
  });
  it('every other prefix 00–99 is a valid campus prefix (stdnum us/ein.dat)', () => {
    const assigned = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).filter((p) => !UNASSIGNED.includes(p));
    expect(Object.keys(EIN_PREFIX_CAMPUS).sort()).toEqual(assigned);
    for (const p of assigned) expect(validateIdentifier('us-ein', `${p}1234567`).valid).toBe(true);
  });
});
