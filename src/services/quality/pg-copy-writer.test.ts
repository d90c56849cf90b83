import { describe, expect, it } from 'vitest';
import { copyText } from './pg-copy-writer.js';

describe('copyText (COPY text format)', () => {
  it('writes null as \\N and escapes the characters the format reserves', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText('Line "2", µm')).toBe('Line "2", µm');
  });
  it('writes numbers so that PostgreSQL reads back the same double', () => {
    expect(copyText(32.0123456789012)).toBe('32.0123456789012');
    expect(copyText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(copyText(1e-7)).toBe('1e-7');
    expect(copyText(12)).toBe('12');
    expect(copyText(true)).toBe('t');
  });
});
