// ISO 7064 MOD 97-10 over alphanumeric strings (letters A–Z count as 10–35), as used by the LEI
// (ISO 17442) and IBAN. Source: python-stdnum stdnum/iso7064/mod_97_10.py (see standards.md §3.1).

/** Value of the alphanumeric string (digits, A=10 … Z=35 expanded to decimal) modulo 97, chunk-free. */
export function mod97(alnum: string): number {
  let rem = 0;
  for (const ch of alnum) {
    const code = ch.charCodeAt(0);
    let v: number;
    if (code >= 48 && code <= 57) v = code - 48;
    else if (code >= 65 && code <= 90) v = code - 55;
    else throw new RangeError(`not an ISO 7064 character: ${ch}`);
    rem = v < 10 ? (rem * 10 + v) % 97 : (rem * 100 + v) % 97;
  }
  return rem;
}

/** The two check digits to append to `base` so that the whole is valid (≡ 1 mod 97). */
export function mod97CheckDigits(base: string): string {
  const cd = 98 - mod97(base + '00');
  return String(cd).padStart(2, '0');
}

export function isValidMod97(alnum: string): boolean {
  return mod97(alnum) === 1;
}
