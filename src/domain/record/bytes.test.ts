import { describe, expect, it } from 'vitest';
import { hexEquals, toHex } from './bytes.js';

describe('hexEquals', () => {
  const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
  const hex = toHex(bytes);

  it('is true for the lower-case hex of the same bytes', () => {
    expect(hexEquals(hex, bytes)).toBe(true);
    expect(hexEquals('', new Uint8Array(0))).toBe(true);
  });

  it('is false when one byte differs, or the length does', () => {
    const other = bytes.slice();
    other[31] ^= 1;
    expect(hexEquals(hex, other)).toBe(false);
    expect(hexEquals(hex.slice(2), bytes)).toBe(false);
    expect(hexEquals(`${hex}00`, bytes)).toBe(false);
  });

  it('is false for characters that are not lower-case hex digits, even where their value would match', () => {
    // "0f" is byte 15; a non-digit in either place must not decode to something that happens to match.
    const fifteen = Uint8Array.of(15);
    expect(hexEquals('0f', fifteen)).toBe(true);
    expect(hexEquals('0F', fifteen)).toBe(false);
    expect(hexEquals('1g', fifteen)).toBe(false);
    expect(hexEquals('g0', Uint8Array.of(0))).toBe(false);
    expect(hexEquals('0\u0100', Uint8Array.of(0))).toBe(false);
  });
});
