import { describe, expect, it } from 'vitest';
import { normalizeUnit, pointDecimal, shiftDecimal, shiftNumber, unitConversion, unitDefinition } from './units.js';

describe('unitConversion', () => {
  it.each([
    ['mm', 'mm', 0],
    ['µm', 'mm', -3],
    ['μm', 'mm', -3], // Greek mu
    ['um', 'µm', 0],
    ['m', 'mm', 3],
    ['mm', 'µm', 3],
    ['kg', 'g', 3],
    ['g', 'kg', -3],
    ['N/mm²', 'MPa', 0],
    ['kPa', 'MPa', -3],
    ['ms', 's', -3],
    ['Ω', 'kΩ', -3],
    ['Ω', 'Ω', 0], // ohm sign vs Greek omega
    ['N·m', 'N·m', 0], // not convertible, but the same spelling
    ['HRC', 'HRC', 0],
    ['°C', '°C', 0],
    [' mm ', 'mm', 0],
  ])('%s → %s shifts by 10^%i', (from, to, shift) => {
    expect(unitConversion(from, to)).toEqual({ ok: true, exponentShift: shift });
  });

  it.each([
    ['in', 'mm', 'cannot be converted to it exactly'],
    ['°F', '°C', 'cannot be converted'],
    ['K', '°C', 'cannot be converted'],
    ['min', 's', 'cannot be converted'],
    ['g', 'mm', 'mass'],
    ['MM', 'mm', 'not the specification'],
    ['N·m', 'N·cm', 'cannot be converted'],
    ['', 'mm', 'missing'],
    ['%', 'ppm', 'cannot be converted'],
  ])('%s → %s is refused', (from, to, reason) => {
    const r = unitConversion(from, to);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('shiftDecimal: conversions on the decimal text, exact to the nearest double', () => {
  it.each([
    ['15.3', -3, 0.0153],
    ['32.0125', 0, 32.0125],
    ['32012.5', -3, 32.0125],
    ['0.1', 3, 100],
    ['1.5e-3', 3, 1.5],
    ['-2.5E2', -3, -0.25],
    ['7', -6, 0.000007],
    ['.5', 1, 5],
  ])('%s × 10^%i = %d', (text, shift, expected) => {
    expect(shiftDecimal(text, shift)).toBe(expected);
  });
  it('is better than multiplying by the factor', () => {
    expect(15.3 * 0.001).not.toBe(0.0153);
    expect(shiftDecimal('15.3', -3)).toBe(0.0153);
    expect(shiftNumber(15.3, -3)).toBe(0.0153);
  });
});

describe('unit spellings', () => {
  it('normalizes micro and ohm signs and keeps unknown units as written', () => {
    expect(normalizeUnit('μm')).toBe('µm');
    expect(normalizeUnit('um')).toBe('µm');
    expect(normalizeUnit(' Ra  µm ')).toBe('Ra µm');
    expect(unitDefinition('N/mm2')?.symbol).toBe('MPa');
    expect(unitDefinition('furlong')).toBeUndefined();
  });
});

describe('pointDecimal: a number in the file notation as the point form', () => {
  it.each([
    ['32.012', '.', '32.012'],
    ['.5', '.', '.5'],
    ['32,012', ',', '32.012'],
    ['-1,5e-3', ',', '-1.5e-3'],
    ['+7', ',', '+7'],
    ['32,012', '.', null],
    ['32.012', ',', null],
    ['1.234,5', ',', null],
    [',5', ',', null],
    ['5,', ',', null],
    ['1,2,3', ',', null],
    ['1 234,5', ',', null],
  ] as const)('%s with %s → %s', (text, sep, expected) => {
    expect(pointDecimal(text, sep)).toBe(expected);
  });
  it('keeps unit conversions exact', () => {
    expect(shiftDecimal(pointDecimal('15,3', ',')!, -3)).toBe(0.0153);
    expect(shiftDecimal(pointDecimal('32012,5', ',')!, -3)).toBe(32.0125);
  });
});
