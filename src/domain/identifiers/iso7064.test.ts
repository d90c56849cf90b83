import { describe, expect, it } from 'vitest';
import { isValidMod97, mod97, mod97CheckDigits } from './iso7064.js';

// Vectors: python-stdnum stdnum/iso7064/mod_97_10.py doctests, as quoted in standards.md §3.1.
describe('ISO 7064 MOD 97-10', () => {
  it.each([
    { base: '99991234567890121414', digits: '90', source: 'stdnum iso7064/mod_97_10.py calc_check_digits' },
    { base: '4354111611551114', digits: '31', source: 'stdnum iso7064/mod_97_10.py calc_check_digits' },
    { base: '22181321402534321446701611', digits: '35', source: 'stdnum iso7064/mod_97_10.py calc_check_digits' },
  ])('check digits of $base are $digits ($source)', ({ base, digits }) => {
    expect(mod97CheckDigits(base)).toBe(digits);
    expect(isValidMod97(base + digits)).toBe(true);
  });

  it.each([
    { value: '9999123456789012141490', valid: true, source: 'stdnum iso7064/mod_97_10.py is_valid' },
    { value: '08686001256515001121751', valid: true, source: 'stdnum iso7064/mod_97_10.py is_valid' },
    { value: '9999123456789012141491', valid: false, source: 'previous vector with last digit changed' },
  ])('$value valid=$valid ($source)', ({ value, valid }) => {
    expect(isValidMod97(value)).toBe(valid);
  });

  it('maps letters A=10 … Z=35 (A → "10", Z → "35")', () => {
    expect(mod97('A')).toBe(10);
    expect(mod97('Z')).toBe(35);
    expect(mod97('AZ')).toBe(1035 % 97);
  });

  it('rejects characters outside 0-9 A-Z', () => {
    expect(() => mod97('a')).toThrow(RangeError);
  });
});
