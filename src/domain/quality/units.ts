// Units of measurement for specifications and batch records, and the conversions Bonafide makes on import.
// Pure, no I/O.
//
// Rule: a value is converted only when the conversion is a pure power of ten within one dimension (mm ↔ µm ↔ m,
// g ↔ kg, kPa ↔ MPa, N/mm² ↔ MPa, …). Such a conversion is done on the decimal text, by moving the decimal point
// (the exponent), so "15.3" µm becomes exactly the double nearest to 0.0153 mm — never 15.3 × 0.001. Anything
// else is refused: offsets (°C ↔ K ↔ °F), non-decimal factors (in ↔ mm, min ↔ h, lb ↔ kg), compound units that
// are not listed (N·m, Ra µm, HRC, %) — those are accepted only when they are spelled exactly as in the
// specification.

export interface UnitDefinition {
  /** Canonical spelling, e.g. "µm" (with the micro sign U+00B5). */
  symbol: string;
  dimension: string;
  /** value in the dimension's base unit = value × 10^exponent. */
  exponent: number;
}

const DEFINITIONS: readonly [string[], string, number][] = [
  // length (base m)
  [['m'], 'length', 0],
  [['dm'], 'length', -1],
  [['cm'], 'length', -2],
  [['mm'], 'length', -3],
  [['µm', 'um', 'micron', 'microns'], 'length', -6],
  [['nm'], 'length', -9],
  [['km'], 'length', 3],
  // mass (base g)
  [['kg'], 'mass', 3],
  [['g'], 'mass', 0],
  [['mg'], 'mass', -3],
  [['µg', 'ug'], 'mass', -6],
  [['t'], 'mass', 6],
  // force (base N)
  [['N'], 'force', 0],
  [['kN'], 'force', 3],
  [['mN'], 'force', -3],
  // pressure and stress (base Pa); N/mm² is exactly MPa
  [['Pa'], 'pressure', 0],
  [['kPa'], 'pressure', 3],
  [['MPa', 'N/mm²', 'N/mm2'], 'pressure', 6],
  [['GPa'], 'pressure', 9],
  // volume (base L)
  [['L', 'l'], 'volume', 0],
  [['mL', 'ml'], 'volume', -3],
  [['µL', 'uL', 'µl', 'ul'], 'volume', -6],
  // time, decimal prefixes only (min and h are not powers of ten of s)
  [['s'], 'time', 0],
  [['ms'], 'time', -3],
  [['µs', 'us'], 'time', -6],
  // electrical
  [['V'], 'voltage', 0],
  [['mV'], 'voltage', -3],
  [['kV'], 'voltage', 3],
  [['A'], 'current', 0],
  [['mA'], 'current', -3],
  [['µA', 'uA'], 'current', -6],
  [['Ω', 'ohm'], 'resistance', 0],
  [['kΩ', 'kohm'], 'resistance', 3],
  [['MΩ', 'Mohm'], 'resistance', 6],
  [['Hz'], 'frequency', 0],
  [['kHz'], 'frequency', 3],
  [['MHz'], 'frequency', 6],
];

const BY_SPELLING = new Map<string, UnitDefinition>();
for (const [spellings, dimension, exponent] of DEFINITIONS) {
  const def: UnitDefinition = { symbol: spellings[0]!, dimension, exponent };
  for (const s of spellings) BY_SPELLING.set(s, def);
}

/** Micro sign and Greek mu are the same prefix; the ohm sign and Greek capital omega the same unit. */
function canonicalSpelling(unit: string): string {
  return unit.trim().replace(/\u03bc/g, '\u00b5').replace(/\u2126/g, '\u03a9').replace(/\s+/g, ' ');
}

/** The definition of a unit Bonafide can convert, or undefined (then only the exact spelling matches). */
export function unitDefinition(unit: string): UnitDefinition | undefined {
  return BY_SPELLING.get(canonicalSpelling(unit));
}

/** The unit as it is stored: the canonical symbol of a known unit, else the trimmed text. */
export function normalizeUnit(unit: string): string {
  return unitDefinition(unit)?.symbol ?? canonicalSpelling(unit);
}

export type UnitConversion = { ok: true; exponentShift: number } | { ok: false; reason: string };

/**
 * How to bring a value from `from` to `to`: multiply by 10^exponentShift (done on the decimal text, see
 * `shiftDecimal`). Refused when the units differ and the conversion is not an exact power of ten.
 */
export function unitConversion(from: string, to: string): UnitConversion {
  const f = canonicalSpelling(from);
  const t = canonicalSpelling(to);
  if (f === t) return { ok: true, exponentShift: 0 };
  const fd = BY_SPELLING.get(f);
  const td = BY_SPELLING.get(t);
  if (fd && td) {
    if (fd.dimension !== td.dimension) return { ok: false, reason: `unit "${from.trim()}" (${fd.dimension}) cannot be converted to the specification's unit "${to}" (${td.dimension})` };
    return { ok: true, exponentShift: fd.exponent - td.exponent };
  }
  if (f === '') return { ok: false, reason: `the unit is missing; the specification's unit is ${to}` };
  return { ok: false, reason: `unit "${from.trim()}" is not the specification's unit "${to}" and cannot be converted to it exactly (only by powers of ten, e.g. µm ↔ mm)` };
}

/** A plain decimal number: optional sign, digits with an optional decimal point, optional exponent. */
export const DECIMAL_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** How an imported file writes the decimal mark: "32.012" or "32,012". */
export const DECIMAL_SEPARATORS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];

/**
 * A number written with a decimal comma: optional sign, digits, optionally one comma and digits, optional exponent.
 * Stricter than DECIMAL_PATTERN on purpose: no "." at all, because in such files a "." is a thousands separator
 * ("1.234,5") and reading it either way would silently give a wrong value.
 */
export const DECIMAL_COMMA_PATTERN = /^[+-]?\d+(?:,\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The number `text` (trimmed) in the point form that DECIMAL_PATTERN, `shiftDecimal` and Number read, or null when
 * it is not a number written with `separator`. Only the mark is swapped, so unit conversions stay exact on the
 * decimal text ("15,3" µm → "15.3" → 0.0153 mm).
 */
export function pointDecimal(text: string, separator: DecimalSeparator): string | null {
  if (separator === '.') return DECIMAL_PATTERN.test(text) ? text : null;
  return DECIMAL_COMMA_PATTERN.test(text) ? text.replace(',', '.') : null;
}

/**
 * The number written as `text` × 10^shift, parsed once from the shifted decimal text, so the result is the double
 * nearest to the exact decimal (e.g. "15.3" µm → 0.0153 mm exactly as a double can hold it). `text` must match
 * DECIMAL_PATTERN.
 */
export function shiftDecimal(text: string, shift: number): number {
  if (shift === 0) return Number(text);
  const e = text.search(/[eE]/);
  if (e < 0) return Number(`${text}e${shift}`);
  return Number(`${text.slice(0, e)}e${Number(text.slice(e + 1)) + shift}`);
}

/** Converts a finite number (not its text) by an exact power of ten; used for numbers given as JSON numbers. */
export function shiftNumber(value: number, shift: number): number {
  if (shift === 0) return value;
  // The shortest round-trip text of a double names the decimal the writer meant; shift that decimal.
  return shiftDecimal(String(value), shift);
}
