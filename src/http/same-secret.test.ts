import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.n++;
      return real.timingSafeEqual(a, b);
    },
  };
});

const { sameSecret } = await import('./same-secret.js');

describe('sameSecret (the CSRF token check)', () => {
  it.each([
    ['abc', 'abc', true],
    ['abd', 'abc', false],
    ['ab', 'abc', false],
    ['', 'abc', false],
    [undefined, 'abc', false],
    [['abc', 'abc'], 'abc', false],
    [undefined, undefined, false],
  ] as const)('%j against %j → %s', (sent, expected, result) => {
    expect(sameSecret(sent as string | string[] | undefined, expected as string | undefined)).toBe(result);
  });

  it('compares in constant time (node:crypto timingSafeEqual), not with ===', () => {
    const before = calls.n;
    sameSecret('x'.repeat(43), 'y'.repeat(43));
    expect(calls.n).toBe(before + 1);
  });
});
