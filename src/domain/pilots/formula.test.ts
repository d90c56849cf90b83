import { describe, expect, it } from 'vitest';
import { evaluateFormula, MAX_DEPTH, MAX_FORMULA_LENGTH, parseFormula, type FormulaFaultCode } from './formula.js';
import { QUANTITY_NAMES } from './quantities.js';

const KNOWN = QUANTITY_NAMES;

function value(text: string, values: Record<string, number | undefined> = {}) {
  const r = parseFormula(text, KNOWN);
  if (!r.ok) throw new Error(`did not parse: ${r.fault.message}`);
  return evaluateFormula(r.formula, (q) => (Object.hasOwn(values, q) ? values[q] : undefined));
}

describe('parseFormula and evaluateFormula: valid formulas', () => {
  const cases: [string, Record<string, number>, number][] = [
    ['accepted_qty / received_qty * 100', { accepted_qty: 990, received_qty: 1000 }, 99],
    ['(received_qty - rejected_qty) / received_qty * 100', { received_qty: 400, rejected_qty: 4 }, 99],
    ['defective_qty / received_qty * 1e6', { defective_qty: 3, received_qty: 12000 }, 250],
    ['1 + 2 * 3', {}, 7],
    ['(1 + 2) * 3', {}, 9],
    ['2 ^ 3 ^ 2', {}, 512], // right-associative
    ['-2 ^ 2', {}, -4], // unary minus binds looser than ^
    ['2 ^ -1', {}, 0.5],
    ['10 - 4 - 3', {}, 3], // left-associative
    ['100 / 4 / 5', {}, 5],
    ['--3', {}, 3],
    ['min(lots_accepted, 5) + max(1, 2, 3)', { lots_accepted: 7 }, 8],
    ['abs(scrap - good_output)', { scrap: 10, good_output: 4 }, 6],
    ['round(2.5) + round(2.4)', {}, 5],
    ['.5 + 1.', {}, 1.5],
    ['  lots_rejected\t*\n2 ', { lots_rejected: 2 }, 4],
  ];
  it.each(cases)('%s = %s', (text, values, expected) => {
    const r = value(text, values);
    expect(r).toEqual({ ok: true, value: expected });
  });

  it('names the quantities used, once each, in order', () => {
    const r = parseFormula('accepted_qty / received_qty * 100 + accepted_qty', KNOWN);
    expect(r.ok && r.formula.quantities).toEqual(['accepted_qty', 'received_qty']);
  });
});

describe('parseFormula: refused with the position of the fault', () => {
  const cases: { text: string; code: FormulaFaultCode; position: number }[] = [
    { text: '', code: 'empty', position: 0 },
    { text: '   ', code: 'empty', position: 0 },
    { text: 'accepted_qty / recieved_qty', code: 'unknown_quantity', position: 15 },
    { text: 'constructor', code: 'unknown_quantity', position: 0 },
    { text: '__proto__', code: 'unknown_quantity', position: 0 },
    { text: 'received_qty.constructor', code: 'unexpected_character', position: 12 },
    { text: 'toString(1)', code: 'unknown_function', position: 0 },
    { text: 'constructor(1)', code: 'unknown_function', position: 0 },
    { text: 'hasOwnProperty', code: 'unknown_quantity', position: 0 },
    { text: '1 +', code: 'unexpected_end', position: 3 },
    { text: '(1 + 2', code: 'unclosed_parenthesis', position: 0 },
    { text: '1 + 2)', code: 'unexpected_token', position: 5 },
    { text: '1 2', code: 'unexpected_token', position: 2 },
    { text: 'received_qty * * 2', code: 'unexpected_token', position: 15 },
    { text: 'received_qty $ 2', code: 'unexpected_character', position: 13 },
    { text: 'received_qty / 0', code: 'division_by_zero', position: 13 },
    { text: 'received_qty / (2 - 2)', code: 'division_by_zero', position: 13 },
    { text: 'received_qty / (3 * 0)', code: 'division_by_zero', position: 13 },
    { text: '10 ^ 1000', code: 'exponent_too_large', position: 5 },
    { text: '2 ^ 99999999999', code: 'exponent_too_large', position: 4 },
    { text: '2 ^ received_qty', code: 'exponent_not_constant', position: 4 },
    { text: '1e999', code: 'number_out_of_range', position: 0 },
    { text: '1e300 * 1e300', code: 'overflow', position: 6 },
    { text: '(1e300 * 10) ^ 16', code: 'overflow', position: 13 },
    { text: 'min(1)', code: 'wrong_arity', position: 0 },
    { text: 'abs(1, 2)', code: 'wrong_arity', position: 0 },
    { text: 'abs()', code: 'wrong_arity', position: 0 },
    { text: 'max(1, 2', code: 'unclosed_parenthesis', position: 3 },
  ];
  it.each(cases)('$text → $code at $position', ({ text, code, position }) => {
    const r = parseFormula(text, KNOWN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault).toMatchObject({ code, position });
    expect(r.fault.message).toMatch(new RegExp(`^at position ${position}: `));
  });

  it('suggests the closest quantity for a typo', () => {
    const r = parseFormula('acepted_qty / received_qty', KNOWN);
    expect(!r.ok && r.fault.params).toEqual({ name: 'acepted_qty', suggestion: 'accepted_qty' });
  });

  it('refuses 10,000-deep nesting up front, without exhausting the stack', () => {
    const deep = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    const r = parseFormula(deep, KNOWN);
    expect(r).toMatchObject({ ok: false, fault: { code: 'too_deep', position: MAX_DEPTH } });
  });

  it('refuses 10,000 chained signs and 10,000 nested calls the same way', () => {
    expect(parseFormula(`${'-'.repeat(10_000)}1`, KNOWN)).toMatchObject({ ok: false, fault: { code: 'too_deep' } });
    expect(parseFormula(`${'abs('.repeat(10_000)}1${')'.repeat(10_000)}`, KNOWN)).toMatchObject({ ok: false, fault: { code: 'too_deep' } });
  });

  it('refuses a chain of powers deeper than the limit, and a formula longer than the limit', () => {
    const powers = Array.from({ length: MAX_DEPTH + 2 }, () => '1').join('^');
    expect(parseFormula(powers, KNOWN)).toMatchObject({ ok: false, fault: { code: 'too_deep' } });
    const long = Array.from({ length: 300 }, () => '1').join('+');
    expect(long.length).toBeGreaterThan(MAX_FORMULA_LENGTH);
    expect(parseFormula(long, KNOWN)).toMatchObject({ ok: false, fault: { code: 'too_long', position: MAX_FORMULA_LENGTH } });
  });

  it('accepts nesting right at the limit', () => {
    const r = parseFormula(`${'('.repeat(MAX_DEPTH - 1)}received_qty${')'.repeat(MAX_DEPTH - 1)}`, KNOWN);
    expect(r.ok).toBe(true);
  });

  it('never throws, whatever the input', () => {
    const inputs = ['(', ')', ',', '^', 'min(', 'min(,)', '1,2', '((((', '-', '+', '*', 'e5', '1e', '1..2', '0x10', '"x"', "'x'", '`x`', '[1]', '{}', 'a=1', '\u0000', '😀'];
    for (const text of inputs) expect(() => parseFormula(text, KNOWN)).not.toThrow();
    for (const text of inputs) expect(parseFormula(text, KNOWN).ok).toBe(false);
  });
});

describe('parseFormula: hostile formulas, each refused with its position and never run', () => {
  // Names are looked up in Maps, never on objects: what would reach a prototype or a global in JavaScript is an
  // unknown name here. Exponents are constants within ±MAX_EXPONENT; nesting is counted before the parser recurses.
  const cases: { name: string; text: string; code: FormulaFaultCode; position: number }[] = [
    { name: 'constructor', text: 'constructor', code: 'unknown_quantity', position: 0 },
    { name: 'constructor as a divisor', text: 'received_qty / constructor', code: 'unknown_quantity', position: 15 },
    { name: 'constructor called', text: 'constructor(1)', code: 'unknown_function', position: 0 },
    { name: 'constructor of constructor', text: 'constructor.constructor', code: 'unexpected_character', position: 11 },
    { name: '__proto__', text: '__proto__ * 2', code: 'unknown_quantity', position: 0 },
    { name: '__proto__ as a divisor', text: 'received_qty / __proto__', code: 'unknown_quantity', position: 15 },
    { name: '__proto__ called', text: '__proto__(1)', code: 'unknown_function', position: 0 },
    { name: 'prototype', text: 'prototype', code: 'unknown_quantity', position: 0 },
    { name: 'valueOf called', text: 'valueOf()', code: 'unknown_function', position: 0 },
    { name: 'a global', text: 'globalThis', code: 'unknown_quantity', position: 0 },
    { name: 'eval', text: 'eval(1)', code: 'unknown_function', position: 0 },
    { name: 'Function', text: 'Function(1)', code: 'unknown_function', position: 0 },
    { name: 'a member call', text: 'process.exit(1)', code: 'unexpected_character', position: 7 },
    { name: 'an index', text: 'received_qty["constructor"]', code: 'unexpected_character', position: 12 },
    { name: 'a huge exponent', text: '10 ^ 1000', code: 'exponent_too_large', position: 5 },
    { name: 'a huge negative exponent', text: '10 ^ -17', code: 'exponent_too_large', position: 5 },
    { name: 'an exponent out of range as a number', text: '2 ^ 1e400', code: 'number_out_of_range', position: 4 },
    { name: 'a tower of powers', text: '9 ^ 9 ^ 9', code: 'exponent_too_large', position: 4 },
    { name: 'a computed huge exponent', text: '2 ^ (10 ^ 10)', code: 'exponent_too_large', position: 4 },
    { name: 'a fractional exponent past the limit', text: '2 ^ 16.5', code: 'exponent_too_large', position: 4 },
    { name: 'a quantity as exponent', text: '2 ^ received_qty', code: 'exponent_not_constant', position: 4 },
    { name: 'powers of powers overflowing', text: '((2 ^ 16) ^ 16) ^ 16', code: 'overflow', position: 16 },
    { name: 'a product overflowing', text: '1e308 * 10', code: 'overflow', position: 6 },
    { name: '10,000 open parentheses', text: '('.repeat(10_000), code: 'too_deep', position: MAX_DEPTH },
    { name: '10,000-deep nesting', text: `${'('.repeat(10_000)}1${')'.repeat(10_000)}`, code: 'too_deep', position: MAX_DEPTH },
    { name: '10,000 nested calls', text: `${'min('.repeat(10_000)}1`, code: 'too_deep', position: 4 * MAX_DEPTH + 3 },
    { name: '5,000 negated groups', text: `${'-('.repeat(5_000)}1${')'.repeat(5_000)}`, code: 'too_deep', position: 2 * MAX_DEPTH },
    { name: '10,000 closing parentheses', text: ')'.repeat(10_000), code: 'too_long', position: MAX_FORMULA_LENGTH },
    { name: 'a 10,000-long chain of powers', text: `1${'^1'.repeat(10_000)}`, code: 'too_long', position: MAX_FORMULA_LENGTH },
  ];
  it.each(cases)('$name → $code at $position', ({ text, code, position }) => {
    const r = parseFormula(text, KNOWN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault).toMatchObject({ code, position });
    expect(r.fault.message).toMatch(new RegExp(`^at position ${position}: `));
  });

  it('a formula that parses is within the limits: (2 ^ 16) ^ 16 is a number', () => {
    expect(value('(2 ^ 16) ^ 16')).toEqual({ ok: true, value: 2 ** 256 });
  });
});

describe('evaluateFormula: no data is not a number', () => {
  it('a quantity without data makes the value "no data", not 0', () => {
    expect(value('accepted_qty / received_qty * 100', { accepted_qty: 5 })).toEqual({ ok: false, reason: 'no_data', quantity: 'received_qty' });
  });

  it('a divisor of 0 in the data is "no data" with the divisor named, never 0 % or 100 %', () => {
    expect(value('accepted_qty / received_qty * 100', { accepted_qty: 0, received_qty: 0 })).toEqual({ ok: false, reason: 'zero_divisor', position: 13, divisor: 'received_qty' });
    expect(value('lots_rejected / (lots - lots_accepted)', { lots_rejected: 0, lots: 3, lots_accepted: 3 })).toEqual({ ok: false, reason: 'zero_divisor', position: 14, divisor: '(lots - lots_accepted)' });
  });

  it('a result too large to be a number is refused, not Infinity', () => {
    expect(value('received_qty ^ 16', { received_qty: 1e30 })).toEqual({ ok: false, reason: 'not_a_number', position: 13 });
  });
});
